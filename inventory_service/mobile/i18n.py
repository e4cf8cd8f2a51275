"""The phone pages' words in English, German and French.

English is the source text (the key); ``TRANSLATIONS`` gives German and French. The
address messages are the shared rules' own texts (``inventory_client.address_rules``), so
the phone says in its language what the kiosk says in its. A test checks every text used
by the templates and the rules has both translations.
"""

from __future__ import annotations

from collections.abc import Callable

from inventory_client import address_rules as rules
from inventory_client.handoff import PHONE_LANGUAGES

Translate = Callable[[str], str]

TRANSLATIONS: dict[str, dict[str, str]] = {
    # --- page frame
    "Endless Aisle": {"de": "Endless Aisle", "fr": "Endless Aisle"},
    "Skip to content": {"de": "Zum Inhalt", "fr": "Aller au contenu"},
    # --- the order page
    "Order to your home": {"de": "Nach Hause bestellen", "fr": "Commander chez vous"},
    "Choose your size": {"de": "Wählen Sie Ihre Größe", "fr": "Choisissez votre pointure"},
    "EU {size}": {"de": "EU {size}", "fr": "EU {size}"},
    "{count} available": {"de": "{count} verfügbar", "fr": "{count} disponible(s)"},
    "sold out": {"de": "ausverkauft", "fr": "épuisé"},
    "Please choose a size.": {
        "de": "Bitte wählen Sie eine Größe.",
        "fr": "Veuillez choisir une pointure.",
    },
    "Your address": {"de": "Ihre Adresse", "fr": "Votre adresse"},
    "Full name": {"de": "Vor- und Nachname", "fr": "Nom complet"},
    "Street and house number": {"de": "Straße und Hausnummer", "fr": "Rue et numéro"},
    "Postcode": {"de": "Postleitzahl", "fr": "Code postal"},
    "Town or city": {"de": "Ort", "fr": "Ville"},
    "Country": {"de": "Land", "fr": "Pays"},
    "Email": {"de": "E-Mail", "fr": "E-mail"},
    "Phone": {"de": "Telefon", "fr": "Téléphone"},
    "An email address or a phone number, so we can tell you about your delivery.": {
        "de": "Eine E-Mail-Adresse oder Telefonnummer, damit wir Sie zur Lieferung "
        "informieren können.",
        "fr": "Une adresse e-mail ou un numéro de téléphone, pour vous informer de la livraison.",
    },
    "Place order": {"de": "Bestellung aufgeben", "fr": "Passer la commande"},
    "You pay at the counter; we hold the pair for you until then.": {
        "de": "Sie bezahlen an der Kasse; bis dahin halten wir das Paar für Sie zurück.",
        "fr": "Vous payez à la caisse ; nous vous réservons la paire jusque-là.",
    },
    "Please check the marked fields.": {
        "de": "Bitte prüfen Sie die markierten Felder.",
        "fr": "Veuillez vérifier les champs signalés.",
    },
    "Sorry, this size is no longer available to order.": {
        "de": "Diese Größe ist leider nicht mehr bestellbar.",
        "fr": "Désolé, cette pointure n'est plus disponible à la commande.",
    },
    # --- links that no longer work
    "This link no longer works": {
        "de": "Dieser Link funktioniert nicht mehr",
        "fr": "Ce lien ne fonctionne plus",
    },
    "Each code on the kiosk opens once and only for a few minutes. Scan the code on the "
    "kiosk again to continue.": {
        "de": "Jeder Code am Kiosk öffnet nur einmal und nur für wenige Minuten. Scannen Sie "
        "den Code am Kiosk erneut, um fortzufahren.",
        "fr": "Chaque code de la borne ne s'ouvre qu'une fois et quelques minutes seulement. "
        "Scannez à nouveau le code de la borne pour continuer.",
    },
    "Too many tries": {"de": "Zu viele Versuche", "fr": "Trop de tentatives"},
    "Please wait a minute and try again.": {
        "de": "Bitte warten Sie eine Minute und versuchen Sie es erneut.",
        "fr": "Veuillez patienter une minute et réessayer.",
    },
    "Order not found": {"de": "Bestellung nicht gefunden", "fr": "Commande introuvable"},
    "We have no order for this link. An order saved on the kiosk while it was offline "
    "appears here once it reaches us, usually within minutes. Links end 60 days after the "
    "order.": {
        "de": "Zu diesem Link gibt es keine Bestellung. Eine Bestellung, die der Kiosk offline "
        "gespeichert hat, erscheint hier, sobald sie bei uns ankommt, meist in wenigen "
        "Minuten. Links enden 60 Tage nach der Bestellung.",
        "fr": "Aucune commande pour ce lien. Une commande enregistrée sur la borne hors ligne "
        "apparaît ici dès qu'elle nous parvient, en général en quelques minutes. Les liens "
        "expirent 60 jours après la commande.",
    },
    # --- the status page
    "Your order": {"de": "Ihre Bestellung", "fr": "Votre commande"},
    "Order number": {"de": "Bestellnummer", "fr": "Numéro de commande"},
    "Kiosk reference": {"de": "Kiosk-Referenz", "fr": "Référence de la borne"},
    "Status": {"de": "Status", "fr": "Statut"},
    "Store": {"de": "Filiale", "fr": "Magasin"},
    "Held for you until": {"de": "Reserviert bis", "fr": "Réservée jusqu'au"},
    "What to do next": {"de": "Wie es weitergeht", "fr": "Et maintenant"},
    "reserved": {"de": "reserviert", "fr": "réservée"},
    "paid": {"de": "bezahlt", "fr": "payée"},
    "shipped": {"de": "versandt", "fr": "expédiée"},
    "cancelled": {"de": "storniert", "fr": "annulée"},
    "hold expired": {"de": "Reservierung abgelaufen", "fr": "réservation expirée"},
    "Pay at the counter of {store} before the hold ends; show this page or your order number.": {
        "de": "Bezahlen Sie an der Kasse von {store}, bevor die Reservierung endet; zeigen Sie "
        "diese Seite oder Ihre Bestellnummer.",
        "fr": "Payez à la caisse de {store} avant la fin de la réservation ; montrez cette "
        "page ou votre numéro de commande.",
    },
    "Paid, thank you. We send the pair to your home and this page says when it leaves.": {
        "de": "Bezahlt, danke. Wir senden das Paar zu Ihnen nach Hause; diese Seite zeigt, "
        "wann es losgeht.",
        "fr": "Payée, merci. Nous envoyons la paire chez vous ; cette page indique quand "
        "elle part.",
    },
    "Your pair is on its way.": {
        "de": "Ihr Paar ist unterwegs.",
        "fr": "Votre paire est en route.",
    },
    "This order was cancelled. Nothing is charged; ask at {store} if you did not expect this.": {
        "de": "Diese Bestellung wurde storniert. Es wird nichts berechnet; fragen Sie in "
        "{store} nach, falls Sie das nicht erwartet haben.",
        "fr": "Cette commande a été annulée. Rien n'est facturé ; renseignez-vous à {store} "
        "si vous ne vous y attendiez pas.",
    },
    "The hold ended before the order was paid, so the pair went back on sale. Scan the shoe "
    "at {store} again to order it anew.": {
        "de": "Die Reservierung endete vor der Bezahlung, das Paar ist wieder im Verkauf. "
        "Scannen Sie den Schuh in {store} erneut, um neu zu bestellen.",
        "fr": "La réservation a pris fin avant le paiement ; la paire est de nouveau en vente. "
        "Scannez à nouveau la chaussure à {store} pour la recommander.",
    },
    "Keep this page: it shows the latest status whenever you open it.": {
        "de": "Behalten Sie diese Seite: Sie zeigt bei jedem Öffnen den neuesten Stand.",
        "fr": "Gardez cette page : elle affiche le dernier statut à chaque ouverture.",
    },
    # --- the address rules' messages (inventory_client.address_rules)
    rules.NEED_NAME: {
        "de": "Bitte geben Sie Ihren vollständigen Namen ein.",
        "fr": "Veuillez saisir votre nom complet.",
    },
    rules.NEED_STREET: {
        "de": "Bitte geben Sie Straße und Hausnummer ein.",
        "fr": "Veuillez saisir votre rue et votre numéro.",
    },
    rules.NEED_POSTCODE: {
        "de": "Bitte geben Sie Ihre Postleitzahl ein.",
        "fr": "Veuillez saisir votre code postal.",
    },
    rules.BAD_POSTCODE: {
        "de": "Diese Postleitzahl passt nicht zu {country}.",
        "fr": "Ce code postal ne semble pas correct pour {country}.",
    },
    rules.NEED_CITY: {
        "de": "Bitte geben Sie Ihren Ort ein.",
        "fr": "Veuillez saisir votre ville.",
    },
    rules.NEED_COUNTRY: {
        "de": "Bitte wählen Sie Ihr Land.",
        "fr": "Veuillez choisir votre pays.",
    },
    rules.BAD_EMAIL: {
        "de": "Diese E-Mail-Adresse sieht nicht richtig aus.",
        "fr": "Cette adresse e-mail ne semble pas correcte.",
    },
    rules.BAD_PHONE: {
        "de": "Diese Telefonnummer passt nicht zu {country}.",
        "fr": "Ce numéro de téléphone ne semble pas correct pour {country}.",
    },
    rules.NEED_CONTACT: {
        "de": "Bitte geben Sie eine E-Mail-Adresse oder Telefonnummer an.",
        "fr": "Veuillez indiquer une adresse e-mail ou un numéro de téléphone.",
    },
    rules.TOO_LONG: {"de": "Das ist zu lang.", "fr": "C'est trop long."},
}


def language_of(value: str | None) -> str:
    """The page language from ``?lang=`` (English for anything we do not speak)."""
    return value if value in PHONE_LANGUAGES else "en"


def translator(language: str) -> Translate:
    """``t(text)``: the text in ``language`` (the English text when it has none)."""

    def translate(text: str) -> str:
        if language == "en":
            return text
        return TRANSLATIONS.get(text, {}).get(language, text)

    return translate
