import sys

from guardduty_hub.demo.launcher import main

sys.exit(main())
