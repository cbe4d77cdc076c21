"""`python -m guardduty_hub.simulator`: see server.py."""

import sys

from guardduty_hub.simulator.server import main

sys.exit(main())
