"""Pages for the shopper's phone: continue an order from the kiosk, follow an order.

Server-rendered HTML (Jinja2 through FastAPI), one small stylesheet, no JavaScript, in the
shopper's language (en, de, fr). Reached only by unguessable, expiring tokens:

    pages        the HTML routes under /m/ (hand-off, order form, status page)
    kiosk_api    the kiosk's JSON routes: POST /v1/handoffs, GET /v1/handoffs/{id}
    staff_lookup GET /v1/orders/lookup: an order by its number or a kiosk's reference
    order_links  records each order's reference and status token when it is created
    order_form   the phone's order form: the kiosk's address checks, the same order path
    status       what the status page says about an order
    headers      CSP, no-store and frame-ancestors for every page
    i18n         the pages' words in en, de and fr
    tokens       random tokens and their hashes
"""
