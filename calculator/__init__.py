"""Shanghai residence-permit points (上海市居住证积分), exact to the 办法, article by article."""

from .engine import parse, score
from .errors import ProfileError
from .profile import Profile
from .result import Result

__all__ = ["Profile", "ProfileError", "Result", "parse", "score"]
__version__ = "0.1.0"
