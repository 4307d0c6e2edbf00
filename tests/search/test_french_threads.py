"""The French analysis is shared by the threads of an app worker (gunicorn gthread)."""

from __future__ import annotations

import threading

from search import french

# Distinct words, long and short, so that threads stemming at once would mix their state.
WORDS = [f"{stem}{suffix}" for stem in ("mediat", "ecologi", "accessib", "numeri", "territor", "inclus")
         for suffix in ("ion", "ions", "ique", "iques", "ite", "ites", "eur", "eurs", "rice", "ement")]


def test_threads_stemming_at_once_get_the_stems_one_thread_gets():
    expected = {word: french._snowball_stem_word(word) for word in WORDS}
    start = threading.Barrier(8)
    wrong: list[tuple[str, str]] = []
    errors: list[BaseException] = []

    def stem_all() -> None:
        start.wait()
        try:
            for _ in range(300):
                for word in WORDS:
                    # Not the cached path: the stemmer itself is what threads share.
                    got = french._snowball_stem_word(word)
                    if got != expected[word]:
                        wrong.append((word, got))
        except Exception as exc:  # an IndexError is what a shared stemmer raised
            errors.append(exc)

    threads = [threading.Thread(target=stem_all) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert wrong == []
