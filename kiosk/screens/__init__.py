"""kiosk.screens package."""
