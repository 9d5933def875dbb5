"""The argparse types every command module's ``register(sub, common)`` receives."""

from __future__ import annotations

import argparse
from typing import TypeAlias

#: what ``ArgumentParser.add_subparsers()`` returns (argparse names the class privately)
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
