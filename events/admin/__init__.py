"""The organiser's path in the admin: the applications' review screen and « Rédiger le compte rendu »."""
