"""The rules of the shopper's journey in plain Python (no Qt): addresses, orders, wording."""
