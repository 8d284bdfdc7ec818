"""Pressroom's command line: `python build.py [build|check|serve|new] …` (see README.md)."""
import sys

try:
    from generator.cli import main
except KeyboardInterrupt:  # Ctrl-C while Python is still loading Pressroom: no traceback
    print("stopped", file=sys.stderr)
    raise SystemExit(130) from None
raise SystemExit(main())
