"""`make check`: build into a throwaway folder and list every problem and advisory, one per line.

Problems (which also fail `make build`) make the exit status non-zero; advisories (an unused glossary
term, a relation declared on one side only) are listed for the author but never fail anything.
"""

import sys
import tempfile

from .runner import disk_full_line, run


def main(argv=None):
    """`make check`: build into a throwaway folder and list every problem and advisory; its exit status."""
    content, settings_file = (argv or sys.argv[1:] or ["content", "pelicanconf.py"])[:2]
    with tempfile.TemporaryDirectory(prefix="explainer-check-") as output:
        collector = run(content, settings_file, output, advice=True)
        if collector.disk_full:
            print(f"ERROR: {disk_full_line(collector.disk_full, output)}; nothing was checked.", file=sys.stderr)
            return 1
    for line in collector.problems:
        print(line)
    for line in collector.advice:
        print(f"ADVICE: {line}")
    print(f"{len(collector.problems)} problem(s), {len(collector.advice)} advisory note(s).")
    return 1 if collector.problems else 0


if __name__ == "__main__":
    sys.exit(main())
