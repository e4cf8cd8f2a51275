"""inventory_service package."""
