"""kiosk.admin package."""
