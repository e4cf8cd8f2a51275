"""The one way the kiosk reaches stock and orders. Plain Python, no Qt."""
