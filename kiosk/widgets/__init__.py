"""kiosk.widgets package."""
