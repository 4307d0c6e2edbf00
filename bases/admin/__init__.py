"""The shell's admin screens."""
