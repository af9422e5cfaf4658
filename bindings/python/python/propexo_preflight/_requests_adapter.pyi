# The adapter is typed in guards.pyi, where users import it from.
from .guards import PreflightAdapter as PreflightAdapter
