"""``python -m kgmed.cli``: the same as the ``kgmed`` script."""

from kgmed.cli.main import main

main()
