"""Reference inventory service: stores, warehouses, stock, orders and fetch requests.

``create_app`` (in ``inventory_service.app``) builds the FastAPI application; the web
stack is an optional extra, so importing this package alone pulls no web server.
"""

__version__ = "0.1.0"
