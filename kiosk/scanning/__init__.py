"""kiosk.scanning package."""
