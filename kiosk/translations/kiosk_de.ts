<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>Address</name>
    <message>
        <source>Please type your full name.</source>
        <translation>Bitte geben Sie Ihren vollständigen Namen ein.</translation>
    </message>
    <message>
        <source>Please type your street and house number.</source>
        <translation>Bitte geben Sie Straße und Hausnummer ein.</translation>
    </message>
    <message>
        <source>Please type your postcode.</source>
        <translation>Bitte geben Sie Ihre Postleitzahl ein.</translation>
    </message>
    <message>
        <source>This postcode does not look right for {country}.</source>
        <translation>Diese Postleitzahl passt nicht zu {country}.</translation>
    </message>
    <message>
        <source>Please type your town or city.</source>
        <translation>Bitte geben Sie Ihren Ort ein.</translation>
    </message>
    <message>
        <source>Please choose your country.</source>
        <translation>Bitte wählen Sie Ihr Land.</translation>
    </message>
    <message>
        <source>This email address does not look right.</source>
        <translation>Diese E-Mail-Adresse scheint nicht zu stimmen.</translation>
    </message>
    <message>
        <source>This phone number does not look right for {country}.</source>
        <translation>Diese Telefonnummer passt nicht zu {country}.</translation>
    </message>
    <message>
        <source>Please give an email address or a phone number.</source>
        <translation>Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an.</translation>
    </message>
    <message>
        <source>This is too long.</source>
        <translation>Das ist zu lang.</translation>
    </message>
</context>
<context>
    <name>AddressForm</name>
    <message>
        <source>Full name</source>
        <translation>Vor- und Nachname</translation>
    </message>
    <message>
        <source>Street and number</source>
        <translation>Straße und Hausnummer</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postleitzahl</translation>
    </message>
    <message>
        <source>Town or city</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Email (or phone)</source>
        <translation>E-Mail (oder Telefon)</translation>
    </message>
    <message>
        <source>Phone (or email)</source>
        <translation>Telefon (oder E-Mail)</translation>
    </message>
    <message>
        <source>Where shall we send it?</source>
        <translation>Wohin dürfen wir liefern?</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Continue to review</source>
        <translation>Weiter zur Übersicht</translation>
    </message>
</context>
<context>
    <name>AdminHeader</name>
    <message>
        <source>Quit kiosk</source>
        <translation>Kiosk beenden</translation>
    </message>
    <message>
        <source>Exit admin</source>
        <translation>Admin beenden</translation>
    </message>
</context>
<context>
    <name>AdminMessages</name>
    <message>
        <source>Unexpected error ({kind})</source>
        <translation>Unerwarteter Fehler ({kind})</translation>
    </message>
    <message>
        <source>Not a shoe barcode: {code}</source>
        <translation>Kein Schuh-Strichcode: {code}</translation>
    </message>
    <message>
        <source>Adding {gtin}…</source>
        <translation>{gtin} wird hinzugefügt …</translation>
    </message>
    <message>
        <source>Not added: {error}</source>
        <translation>Nicht hinzugefügt: {error}</translation>
    </message>
    <message>
        <source>+1  {product}  size {size}  →  {count}</source>
        <translation>+1  {product}  Größe {size}  →  {count}</translation>
    </message>
    <message>
        <source>+1  {product}  size {size}  →  {count} (queued: will be sent when the service is back)</source>
        <translation>+1  {product}  Größe {size}  →  {count} (vorgemerkt: wird gesendet, sobald der Dienst wieder erreichbar ist)</translation>
    </message>
    <message>
        <source>Undoing {product} {size}…</source>
        <translation>{product} {size} wird rückgängig gemacht …</translation>
    </message>
    <message>
        <source>Undo failed: {error}</source>
        <translation>Rückgängig machen fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <source>Undone: {product} {size}</source>
        <translation>Rückgängig gemacht: {product} {size}</translation>
    </message>
    <message>
        <source>{product} size {size}</source>
        <translation>{product} Größe {size}</translation>
    </message>
    <message>
        <source>Count not saved: {error}</source>
        <translation>Zählung nicht gespeichert: {error}</translation>
    </message>
    <message>
        <source>Count saved: {gtin} = {quantity}</source>
        <translation>Zählung gespeichert: {gtin} = {quantity}</translation>
    </message>
    <message>
        <source>Count saved: {gtin} = {quantity} (queued)</source>
        <translation>Zählung gespeichert: {gtin} = {quantity} (vorgemerkt)</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft …</translation>
    </message>
    <message>
        <source>Not changed: {error}</source>
        <translation>Nicht geändert: {error}</translation>
    </message>
    <message>
        <source>{gtin}: {delta} queued</source>
        <translation>{gtin}: {delta} vorgemerkt</translation>
    </message>
    <message>
        <source>{gtin}: now {on_hand}</source>
        <translation>{gtin}: jetzt {on_hand}</translation>
    </message>
    <message>
        <source>Order {number} is paid</source>
        <translation>Bestellung {number} ist bezahlt</translation>
    </message>
    <message>
        <source>No order {number} in this store</source>
        <translation>Keine Bestellung {number} in dieser Filiale</translation>
    </message>
    <message>
        <source>Not marked paid: {error}</source>
        <translation>Nicht als bezahlt markiert: {error}</translation>
    </message>
    <message>
        <source>Marking {number} paid…</source>
        <translation>{number} wird als bezahlt markiert …</translation>
    </message>
    <message>
        <source>Order {number} cancelled; its pairs are released</source>
        <translation>Bestellung {number} storniert; ihre Paare sind wieder frei</translation>
    </message>
    <message>
        <source>Not cancelled: {error}</source>
        <translation>Nicht storniert: {error}</translation>
    </message>
    <message>
        <source>{count} sent</source>
        <translation>{count} gesendet</translation>
    </message>
    <message>
        <source>Still not sent: {error}</source>
        <translation>Noch nicht gesendet: {error}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>No export folder is configured</source>
        <translation>Kein Exportordner eingerichtet</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>Gespeichert: {path}</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>Nicht gespeichert: {error}</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft …</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Wird importiert …</translation>
    </message>
    <message>
        <source>Import failed: {error}</source>
        <translation>Import fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <source>Could not check the PIN right now</source>
        <translation>Die PIN kann gerade nicht geprüft werden</translation>
    </message>
    <message>
        <source>Service: {state}</source>
        <translation>Dienst: {state}</translation>
    </message>
    <message>
        <source>status unknown</source>
        <translation>Status unbekannt</translation>
    </message>
    <message>
        <source>nothing waiting</source>
        <translation>nichts wartet</translation>
    </message>
    <message>
        <source>{count} waiting to send</source>
        <translation>{count} warten auf Versand</translation>
    </message>
    <message>
        <source>{backlog} · {count} audit events not yet at the service</source>
        <translation>{backlog} · {count} Protokolleinträge noch nicht beim Dienst</translation>
    </message>
    <message>
        <source>Signed in: {name}</source>
        <translation>Angemeldet: {name}</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>eingeschränkt</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <source>Camera not working — please type the number under the barcode.</source>
        <translation>Kamera funktioniert nicht – bitte tippen Sie die Nummer unter dem Strichcode ein.</translation>
    </message>
    <message>
        <source>Camera preview</source>
        <translation>Kamerabild</translation>
    </message>
</context>
<context>
    <name>ConfirmationScreen</name>
    <message>
        <source>Scan with your phone to follow your order there.</source>
        <translation>Mit dem Handy scannen und die Bestellung dort verfolgen.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>What happens next</source>
        <translation>Wie es weitergeht</translation>
    </message>
    <message>
        <source>Order number {number}</source>
        <translation>Bestellnummer {number}</translation>
    </message>
    <message>
        <source>QR code of {number}</source>
        <translation>QR-Code von {number}</translation>
    </message>
    <message>
        <source>Take a photo of the code to keep your number.</source>
        <translation>Fotografieren Sie den Code, um Ihre Nummer zu behalten.</translation>
    </message>
    <message>
        <source>Your order is saved</source>
        <translation>Ihre Bestellung ist gespeichert</translation>
    </message>
    <message>
        <source>Your reference</source>
        <translation>Ihre Referenz</translation>
    </message>
    <message>
        <source>We couldn&apos;t reach our stock system just now. Your order is saved on this kiosk and will be confirmed shortly. Please show this reference at the counter and pay there; staff will tell you your order number.</source>
        <translation>Unser Warensystem ist gerade nicht erreichbar. Ihre Bestellung ist an diesem Terminal gespeichert und wird in Kürze bestätigt. Bitte zeigen Sie diese Referenz an der Kasse und bezahlen Sie dort; dort erhalten Sie auch Ihre Bestellnummer.</translation>
    </message>
    <message>
        <source>Thank you — your order is placed</source>
        <translation>Danke – Ihre Bestellung ist aufgegeben</translation>
    </message>
    <message>
        <source>Your order number</source>
        <translation>Ihre Bestellnummer</translation>
    </message>
    <message>
        <source>1. Pay at the counter: show this number.
2. Your pair is reserved for you until {time}.
3. Once staff mark it paid, it is sent to your home.</source>
        <translation>1. Bezahlen Sie an der Kasse: Zeigen Sie diese Nummer.
2. Ihr Paar ist bis {time} Uhr für Sie reserviert.
3. Sobald bezahlt ist, schicken wir es zu Ihnen nach Hause.</translation>
    </message>
    <message>
        <source>1. Pay at the counter: show this number.
2. Once staff mark it paid, it is sent to your home.</source>
        <translation>1. Bezahlen Sie an der Kasse: Zeigen Sie diese Nummer.
2. Sobald bezahlt ist, schicken wir das Paar zu Ihnen nach Hause.</translation>
    </message>
</context>
<context>
    <name>DemandView</name>
    <message>
        <source>{count} days</source>
        <translation>{count} Tage</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Verpasst</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>Gescannt</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>Vorrätig</translation>
    </message>
    <message>
        <source>Restock</source>
        <translation>Nachbestellen</translation>
    </message>
    <message>
        <source>Nothing missed</source>
        <translation>Nichts verpasst</translation>
    </message>
    <message>
        <source>{count} sizes, since {date}</source>
        <translation>{count} Größen, seit {date}</translation>
    </message>
</context>
<context>
    <name>ErrorScreen</name>
    <message>
        <source>Sorry, that didn&apos;t work</source>
        <translation>Das hat leider nicht geklappt</translation>
    </message>
    <message>
        <source>What went wrong</source>
        <translation>Was schiefging</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Nochmal versuchen</translation>
    </message>
</context>
<context>
    <name>FetchScreen</name>
    <message>
        <source>This size is here in the store</source>
        <translation>Diese Größe ist hier im Laden</translation>
    </message>
    <message>
        <source>Tap “Bring it to me” and a colleague brings the pair to this kiosk.</source>
        <translation>Tippen Sie auf „Bitte bringen“ und ein Kollege bringt das Paar zu diesem Terminal.</translation>
    </message>
    <message>
        <source>Asking a colleague…</source>
        <translation>Wir fragen einen Kollegen…</translation>
    </message>
    <message>
        <source>A colleague has been asked</source>
        <translation>Ein Kollege ist informiert</translation>
    </message>
    <message>
        <source>Please wait here. Your ticket number:</source>
        <translation>Bitte warten Sie hier. Ihre Nummer:</translation>
    </message>
    <message>
        <source>A colleague is on the way</source>
        <translation>Ein Kollege ist unterwegs</translation>
    </message>
    <message>
        <source>Your pair is here</source>
        <translation>Ihr Paar ist da</translation>
    </message>
    <message>
        <source>Enjoy trying it on! Your ticket number was:</source>
        <translation>Viel Spaß beim Anprobieren! Ihre Nummer war:</translation>
    </message>
    <message>
        <source>Request cancelled</source>
        <translation>Anfrage abgebrochen</translation>
    </message>
    <message>
        <source>Nobody will bring the pair. You can choose another size.</source>
        <translation>Niemand bringt das Paar. Sie können eine andere Größe wählen.</translation>
    </message>
    <message>
        <source>Your request is saved</source>
        <translation>Ihre Anfrage ist gespeichert</translation>
    </message>
    <message>
        <source>We couldn&apos;t ask a colleague</source>
        <translation>Wir konnten keinen Kollegen erreichen</translation>
    </message>
    <message>
        <source>Ticket number {ticket}</source>
        <translation>Nummer {ticket}</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Nochmal versuchen</translation>
    </message>
    <message>
        <source>Bring it to me</source>
        <translation>Bitte bringen</translation>
    </message>
    <message>
        <source>Cancel request</source>
        <translation>Anfrage abbrechen</translation>
    </message>
    <message>
        <source>Start over? Your request will be cancelled, so nobody brings the pair.</source>
        <translation>Neu beginnen? Ihre Anfrage wird storniert, dann bringt niemand das Paar.</translation>
    </message>
    <message>
        <source>Keep waiting</source>
        <translation>Weiter warten</translation>
    </message>
    <message>
        <source>Cancel and start over</source>
        <translation>Stornieren und neu beginnen</translation>
    </message>
</context>
<context>
    <name>FetchView</name>
    <message>
        <source>claimed by {name}</source>
        <translation>übernommen von {name}</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Shoe</source>
        <translation>Schuh</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet seit</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>{count} waiting</source>
        <translation>{count} warten</translation>
    </message>
    <message>
        <source>No one is waiting</source>
        <translation>Niemand wartet</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
</context>
<context>
    <name>FitAdvice</name>
    <message>
        <source>Most shoppers say it fits true to size ({count} votes)</source>
        <translation>Die meisten Kundinnen und Kunden sagen: fällt normal aus ({count} Stimmen)</translation>
    </message>
    <message>
        <source>Most shoppers say it runs small ({count} votes)</source>
        <translation>Die meisten Kundinnen und Kunden sagen: fällt klein aus ({count} Stimmen)</translation>
    </message>
    <message>
        <source>Most shoppers say it runs large ({count} votes)</source>
        <translation>Die meisten Kundinnen und Kunden sagen: fällt groß aus ({count} Stimmen)</translation>
    </message>
    <message>
        <source>Most shoppers say it runs small — consider EU {size} ({count} votes)</source>
        <translation>Die meisten sagen: fällt klein aus – nehmen Sie eher EU {size} ({count} Stimmen)</translation>
    </message>
    <message>
        <source>Most shoppers say it runs large — consider EU {size} ({count} votes)</source>
        <translation>Die meisten sagen: fällt groß aus – nehmen Sie eher EU {size} ({count} Stimmen)</translation>
    </message>
</context>
<context>
    <name>FitPrompt</name>
    <message>
        <source>Tried it on? Tell us how it fits</source>
        <translation>Anprobiert? Sagen Sie uns, wie er passt</translation>
    </message>
    <message>
        <source>How does it fit?</source>
        <translation>Wie passt er?</translation>
    </message>
    <message>
        <source>Runs small</source>
        <translation>Fällt klein aus</translation>
    </message>
    <message>
        <source>True to size</source>
        <translation>Passt genau</translation>
    </message>
    <message>
        <source>Runs large</source>
        <translation>Fällt groß aus</translation>
    </message>
    <message>
        <source>Thank you! Your answer helps the next shopper choose a size.</source>
        <translation>Danke! Ihre Antwort hilft der nächsten Person bei der Größenwahl.</translation>
    </message>
</context>
<context>
    <name>HealthView</name>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft …</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Einzelheiten</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Abhilfe</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Erneut prüfen</translation>
    </message>
</context>
<context>
    <name>ImportView</name>
    <message>
        <source>{count} problems — nothing was written:</source>
        <translation>{count} Probleme – nichts wurde geschrieben:</translation>
    </message>
    <message>
        <source>line {number}{column}: {message}</source>
        <translation>Zeile {number}{column}: {message}</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… und {count} weitere</translation>
    </message>
    <message>
        <source>Imported {rows} rows: {created} new, {updated} changed, {unchanged} unchanged</source>
        <translation>{rows} Zeilen importiert: {created} neu, {updated} geändert, {unchanged} unverändert</translation>
    </message>
    <message>
        <source>Dry run OK — would import {rows} rows: {created} new, {updated} changed, {unchanged} unchanged</source>
        <translation>Probelauf OK – würde {rows} Zeilen importieren: {created} neu, {updated} geändert, {unchanged} unverändert</translation>
    </message>
    <message>
        <source>No import folder is configured</source>
        <translation>Kein Importordner eingerichtet</translation>
    </message>
    <message>
        <source>Files in {folder}</source>
        <translation>Dateien in {folder}</translation>
    </message>
    <message>
        <source>Check (dry run)</source>
        <translation>Prüfen (Probelauf)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Refresh list</source>
        <translation>Liste aktualisieren</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Clear</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Clear all digits</source>
        <translation>Alle Ziffern löschen</translation>
    </message>
    <message>
        <source>Delete last digit</source>
        <translation>Letzte Ziffer löschen</translation>
    </message>
    <message>
        <source>Find this code</source>
        <translation>Diesen Code suchen</translation>
    </message>
    <message>
        <source>Type the 8, 12 or 13 digits printed under the barcode.</source>
        <translation>Tippen Sie die 8, 12 oder 13 Ziffern unter dem Strichcode ein.</translation>
    </message>
    <message>
        <source>Number OK — tap Find.</source>
        <translation>Nummer stimmt – tippen Sie auf „Suchen“.</translation>
    </message>
    <message>
        <source>That number does not check out — please compare it with the tag.</source>
        <translation>Diese Nummer stimmt nicht – bitte vergleichen Sie sie mit dem Etikett.</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
</context>
<context>
    <name>LookingUpScreen</name>
    <message>
        <source>Finding every size…</source>
        <translation>Wir suchen alle Größen…</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Something went wrong. Please try again, or ask a member of staff for help.</source>
        <translation>Etwas ist schiefgegangen. Bitte versuchen Sie es noch einmal oder fragen Sie unser Personal.</translation>
    </message>
    <message>
        <source>We couldn&apos;t confirm your order just now. It is saved on this kiosk and will be sent again automatically.</source>
        <translation>Wir konnten Ihre Bestellung gerade nicht bestätigen. Sie ist an diesem Terminal gespeichert und wird automatisch erneut gesendet.</translation>
    </message>
    <message>
        <source>We can&apos;t reach our stock system right now. Please try again in a moment, or ask a member of staff for help.</source>
        <translation>Unser Warensystem ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal oder fragen Sie unser Personal.</translation>
    </message>
    <message>
        <source>We can&apos;t reach our stock system right now. Your order is saved on this kiosk and will be sent as soon as the connection is back.</source>
        <translation>Unser Warensystem ist gerade nicht erreichbar. Ihre Bestellung ist an diesem Terminal gespeichert und wird gesendet, sobald die Verbindung zurück ist.</translation>
    </message>
    <message>
        <source>We couldn&apos;t find this item. Please try another one, or ask a member of staff for help.</source>
        <translation>Wir haben diesen Artikel nicht gefunden. Bitte versuchen Sie einen anderen oder fragen Sie unser Personal.</translation>
    </message>
    <message>
        <source>Sorry, this size has just sold out. Please choose another size, or ask a member of staff for help.</source>
        <translation>Diese Größe ist leider gerade ausverkauft. Bitte wählen Sie eine andere Größe oder fragen Sie unser Personal.</translation>
    </message>
    <message>
        <source>This kiosk is not set up correctly at the moment. Please ask a member of staff for help.</source>
        <translation>Dieses Terminal ist gerade nicht richtig eingerichtet. Bitte fragen Sie unser Personal.</translation>
    </message>
    <message>
        <source>We couldn&apos;t accept this request. Please check the details, or ask a member of staff for help.</source>
        <translation>Wir konnten diese Anfrage nicht annehmen. Bitte prüfen Sie die Angaben oder fragen Sie unser Personal.</translation>
    </message>
    <message>
        <source>Our stock system gave an unexpected answer. Please try again in a moment, or ask a member of staff for help.</source>
        <translation>Unser Warensystem hat unerwartet geantwortet. Bitte versuchen Sie es gleich noch einmal oder fragen Sie unser Personal.</translation>
    </message>
    <message>
        <source>Our stock system is busy right now. Please try again in a moment, or ask a member of staff for help.</source>
        <translation>Unser Warensystem ist gerade ausgelastet. Bitte versuchen Sie es gleich noch einmal oder fragen Sie unser Personal.</translation>
    </message>
    <message>
        <source>Something went wrong on our side. Please ask a staff member.</source>
        <translation>Bei uns ist etwas schiefgegangen. Bitte fragen Sie unser Personal.</translation>
    </message>
</context>
<context>
    <name>NavBar</name>
    <message>
        <source>‹  Back</source>
        <translation>‹  Zurück</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>Neu beginnen</translation>
    </message>
</context>
<context>
    <name>Notify</name>
    <message>
        <source>Please type your email address.</source>
        <translation>Bitte geben Sie Ihre E-Mail-Adresse ein.</translation>
    </message>
    <message>
        <source>This email address does not look right. Please check it, e.g. name@example.com.</source>
        <translation>Diese E-Mail-Adresse scheint nicht zu stimmen. Bitte prüfen Sie sie, z. B. name@example.com.</translation>
    </message>
</context>
<context>
    <name>NotifyScreen</name>
    <message>
        <source>{name} in EU {size} is sold out everywhere</source>
        <translation>{name} in EU {size} ist überall ausverkauft</translation>
    </message>
    <message>
        <source>Leave your email address and the store will write to you when this size is back. We use it for nothing else.</source>
        <translation>Hinterlassen Sie Ihre E-Mail-Adresse, dann schreibt Ihnen das Geschäft, sobald diese Größe wieder da ist. Wir nutzen sie für nichts anderes.</translation>
    </message>
    <message>
        <source>Your email address</source>
        <translation>Ihre E-Mail-Adresse</translation>
    </message>
    <message>
        <source>Email me when it&apos;s back</source>
        <translation>Per E-Mail benachrichtigen</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Thank you — the store will email you when EU {size} is back. You can scan another shoe or start over.</source>
        <translation>Danke – das Geschäft schreibt Ihnen, sobald EU {size} wieder da ist. Sie können einen weiteren Schuh scannen oder neu beginnen.</translation>
    </message>
    <message>
        <source>Thank you — your request is saved on this kiosk and reaches the store as soon as the connection is back.</source>
        <translation>Danke – Ihre Anfrage ist auf diesem Terminal gespeichert und erreicht das Geschäft, sobald die Verbindung wieder steht.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Done, start over</source>
        <translation>Fertig, neu beginnen</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <source>reserved</source>
        <translation>reserviert</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>bezahlt</translation>
    </message>
    <message>
        <source>shipped</source>
        <translation>versandt</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>storniert</translation>
    </message>
    <message>
        <source>queued on the kiosk</source>
        <translation>auf dem Kiosk vorgemerkt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Scan the QR code on the shopper&apos;s phone to mark the order paid</source>
        <translation>QR-Code auf dem Handy der Kundin oder des Kunden scannen, um die Bestellung als bezahlt zu markieren</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Reason for cancelling</source>
        <translation>Grund für die Stornierung</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>Bestellung stornieren</translation>
    </message>
    <message>
        <source>Retry queued orders</source>
        <translation>Vorgemerkte Bestellungen senden</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>This badge is not on this kiosk&apos;s staff list</source>
        <translation>Dieser Ausweis steht nicht auf der Personalliste dieses Kiosks</translation>
    </message>
    <message>
        <source>Hello {name} — type your PIN</source>
        <translation>Hallo {name} – bitte PIN eingeben</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft …</translation>
    </message>
    <message>
        <source>Wrong PIN — {count} more tries before entry locks</source>
        <translation>Falsche PIN – noch {count} Versuche, bevor die Eingabe gesperrt wird</translation>
    </message>
    <message>
        <source>Wrong PIN — one more wrong PIN locks entry</source>
        <translation>Falsche PIN – eine weitere falsche PIN sperrt die Eingabe</translation>
    </message>
    <message>
        <source>Staff sign-in</source>
        <translation>Anmeldung für Personal</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Delete last digit</source>
        <translation>Letzte Ziffer löschen</translation>
    </message>
    <message>
        <source>Digits typed</source>
        <translation>Eingegebene Ziffern</translation>
    </message>
    <message>
        <source>Choose your name (or scan your badge), then type your PIN</source>
        <translation>Namen wählen (oder Ausweis scannen), dann PIN eingeben</translation>
    </message>
    <message>
        <source>Too many wrong PINs — locked for {time}</source>
        <translation>Zu viele falsche PINs – gesperrt für {time}</translation>
    </message>
    <message>
        <source>You can try again now</source>
        <translation>Sie können es jetzt erneut versuchen</translation>
    </message>
</context>
<context>
    <name>ProductScreen</name>
    <message>
        <source>No picture</source>
        <translation>Kein Bild</translation>
    </message>
    <message>
        <source>Price {price}</source>
        <translation>Preis {price}</translation>
    </message>
    <message>
        <source>Picture of {name}</source>
        <translation>Bild von {name}</translation>
    </message>
    <message>
        <source>Choose your size</source>
        <translation>Wählen Sie Ihre Größe</translation>
    </message>
    <message>
        <source>Green: in this store · Blue: from the warehouse to your home · Orange: another store · Grey: sold out</source>
        <translation>Grün: in diesem Geschäft · Blau: aus dem Lager zu Ihnen nach Hause · Orange: anderes Geschäft · Grau: ausverkauft</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
</context>
<context>
    <name>QuitConfirm</name>
    <message>
        <source>Quit the kiosk? It stays off, and shoppers cannot use it, until it is started again (restart the machine, or: systemctl start endless-aisle-kiosk).</source>
        <translation>Kiosk beenden? Er bleibt aus und Kundschaft kann ihn nicht benutzen, bis er wieder gestartet wird (Gerät neu starten oder: systemctl start endless-aisle-kiosk).</translation>
    </message>
    <message>
        <source>Quit now</source>
        <translation>Jetzt beenden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ReceivingView</name>
    <message>
        <source>Receiving: each scan adds one pair</source>
        <translation>Wareneingang: jeder Scan fügt ein Paar hinzu</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>Wareneingang</translation>
    </message>
    <message>
        <source>Counting</source>
        <translation>Zählen</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>Paare</translation>
    </message>
    <message>
        <source>Undo last scan</source>
        <translation>Letzten Scan rückgängig machen</translation>
    </message>
    <message>
        <source>Save count</source>
        <translation>Anzahl speichern</translation>
    </message>
    <message>
        <source>Scan a box to add it to this store&apos;s stock</source>
        <translation>Karton scannen, um ihn dem Bestand dieser Filiale hinzuzufügen</translation>
    </message>
    <message>
        <source>Counting: scan a size, then type how many there are</source>
        <translation>Zählen: Größe scannen, dann die Anzahl eingeben</translation>
    </message>
    <message>
        <source>{count} pairs received</source>
        <translation>{count} Paare eingegangen</translation>
    </message>
    <message>
        <source>How many {what}?</source>
        <translation>Wie viele {what}?</translation>
    </message>
    <message>
        <source>Scan a size to count it</source>
        <translation>Größe scannen, um sie zu zählen</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Check your order</source>
        <translation>Prüfen Sie Ihre Bestellung</translation>
    </message>
    <message>
        <source>{name} · {brand} · EU {size}</source>
        <translation>{name} · {brand} · EU {size}</translation>
    </message>
    <message>
        <source>Delivered to your home by {date}.</source>
        <translation>Lieferung zu Ihnen nach Hause bis {date}.</translation>
    </message>
    <message>
        <source>Price {price}</source>
        <translation>Preis {price}</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>Lieferung an</translation>
    </message>
    <message>
        <source>You pay at the counter. The pair is reserved for you until staff mark it paid.</source>
        <translation>Sie bezahlen an der Kasse. Das Paar bleibt für Sie reserviert, bis die Zahlung erfasst ist.</translation>
    </message>
    <message>
        <source>Placing your order…</source>
        <translation>Bestellung wird aufgegeben…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Nochmal versuchen</translation>
    </message>
    <message>
        <source>Place order</source>
        <translation>Jetzt bestellen</translation>
    </message>
    <message>
        <source>Change address</source>
        <translation>Adresse ändern</translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <source>Hold the barcode on the shoe&apos;s tag up to the camera.</source>
        <translation>Halten Sie den Barcode am Schuhetikett vor die Kamera.</translation>
    </message>
    <message>
        <source>Every size at a glance: here, at the warehouse, or nearby.</source>
        <translation>Alle Größen auf einen Blick: hier, im Lager oder in der Nähe.</translation>
    </message>
    <message>
        <source>Your size is here? We bring it to you.</source>
        <translation>Ihre Größe ist da? Wir bringen sie Ihnen.</translation>
    </message>
    <message>
        <source>Not here? Order it to your home in a minute.</source>
        <translation>Nicht da? In einer Minute nach Hause bestellt.</translation>
    </message>
    <message>
        <source>Scan a shoe to see every size</source>
        <translation>Schuh scannen, alle Größen sehen</translation>
    </message>
    <message>
        <source>Hold the barcode up to the camera, or type the number under it.</source>
        <translation>Halten Sie den Barcode vor die Kamera oder tippen Sie die Nummer darunter ein.</translation>
    </message>
    <message>
        <source>Type the code</source>
        <translation>Nummer eintippen</translation>
    </message>
    <message>
        <source>Type the barcode number</source>
        <translation>Barcode-Nummer eintippen</translation>
    </message>
    <message>
        <source>A USB barcode scanner works too.</source>
        <translation>Ein USB-Barcodescanner funktioniert auch.</translation>
    </message>
    <message>
        <source>Staff: 1 order needs attention — see admin</source>
        <translation>Personal: 1 Bestellung braucht Aufmerksamkeit – siehe Verwaltung</translation>
    </message>
    <message>
        <source>Staff: {count} orders need attention — see admin</source>
        <translation>Personal: {count} Bestellungen brauchen Aufmerksamkeit – siehe Verwaltung</translation>
    </message>
    <message>
        <source>Number keypad</source>
        <translation>Zahlenfeld</translation>
    </message>
</context>
<context>
    <name>SectionBar</name>
    <message>
        <source>Receiving</source>
        <translation>Wareneingang</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Fetch requests</source>
        <translation>Holaufträge</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <source>Lost demand</source>
        <translation>Entgangene Nachfrage</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>SizeGrid</name>
    <message>
        <source>Size EU {eu}, UK {uk}, US {us}</source>
        <translation>Größe EU {eu}, UK {uk}, US {us}</translation>
    </message>
    <message>
        <source>the size you scanned</source>
        <translation>die gescannte Größe</translation>
    </message>
    <message>
        <source>In this store ({count})</source>
        <translation>Hier im Laden ({count})</translation>
    </message>
    <message>
        <source>Warehouse — ship to home</source>
        <translation>Lager – Lieferung nach Hause</translation>
    </message>
    <message>
        <source>At {store}</source>
        <translation>In {store}</translation>
    </message>
    <message>
        <source>At {store} {distance}</source>
        <translation>In {store} {distance}</translation>
    </message>
    <message>
        <source>Sold out</source>
        <translation>Ausverkauft</translation>
    </message>
    <message>
        <source>Not in this store</source>
        <translation>Nicht in diesem Laden</translation>
    </message>
    <message>
        <source>+ {count} at the warehouse</source>
        <translation>+ {count} im Lager</translation>
    </message>
    <message>
        <source>{count} at the warehouse</source>
        <translation>{count} im Lager</translation>
    </message>
    <message>
        <source>+ 1 more store</source>
        <translation>+ 1 weiterer Laden</translation>
    </message>
    <message>
        <source>+ {count} more stores</source>
        <translation>+ {count} weitere Läden</translation>
    </message>
    <message>
        <source>Ask a staff member</source>
        <translation>Fragen Sie unser Personal</translation>
    </message>
    <message>
        <source>Showing saved stock information; it may have changed since.</source>
        <translation>Gespeicherter Bestand; er kann sich inzwischen geändert haben.</translation>
    </message>
    <message>
        <source>Stock of the warehouse and other stores is unavailable right now.</source>
        <translation>Der Bestand von Lager und anderen Läden ist gerade nicht verfügbar.</translation>
    </message>
    <message>
        <source>Warehouse stock unavailable right now; showing this store.</source>
        <translation>Lagerbestand gerade nicht verfügbar; wir zeigen diesen Laden.</translation>
    </message>
    <message>
        <source>Store stock unavailable right now; showing the warehouse.</source>
        <translation>Ladenbestand gerade nicht verfügbar; wir zeigen das Lager.</translation>
    </message>
    <message>
        <source>Tap: email me when it&apos;s back</source>
        <translation>Antippen: E-Mail, wenn wieder da</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>Gescannt</translation>
    </message>
    <message>
        <source>Sizes</source>
        <translation>Größen</translation>
    </message>
    <message>
        <source>the size other shoppers suggest</source>
        <translation>die Größe, die andere empfehlen</translation>
    </message>
    <message>
        <source>★ Shoppers suggest this size</source>
        <translation>★ Von anderen empfohlen</translation>
    </message>
</context>
<context>
    <name>StillThere</name>
    <message>
        <source>Still there?</source>
        <translation>Noch da?</translation>
    </message>
    <message>
        <source>To keep your details private we will start over in {seconds} s.</source>
        <translation>Zum Schutz Ihrer Daten beginnen wir in {seconds} s neu.</translation>
    </message>
    <message>
        <source>I&apos;m still here</source>
        <translation>Ich bin noch da</translation>
    </message>
</context>
<context>
    <name>StockView</name>
    <message>
        <source>Name, brand, GTIN or style</source>
        <translation>Name, Marke, GTIN oder Modell</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <source>This store</source>
        <translation>Diese Filiale</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Lager</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Ändern</translation>
    </message>
    <message>
        <source>{count} styles found</source>
        <translation>{count} Modelle gefunden</translation>
    </message>
</context>
<context>
    <name>StoresScreen</name>
    <message>
        <source>1 pair</source>
        <translation>1 Paar</translation>
    </message>
    <message>
        <source>{count} pairs</source>
        <translation>{count} Paar</translation>
    </message>
    <message>
        <source>EU {size} is at these stores</source>
        <translation>EU {size} gibt es in diesen Läden</translation>
    </message>
    <message>
        <source>Not in this store right now. Ask a staff member to reserve it there for you.</source>
        <translation>Gerade nicht in diesem Laden. Unser Personal kann es dort für Sie reservieren.</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <source>⇧ Shift</source>
        <translation>⇧</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Umschalt</translation>
    </message>
    <message>
        <source>At sign</source>
        <translation>At-Zeichen</translation>
    </message>
    <message>
        <source>Hyphen</source>
        <translation>Bindestrich</translation>
    </message>
    <message>
        <source>space</source>
        <translation>Leertaste</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Leerzeichen</translation>
    </message>
    <message>
        <source>Full stop</source>
        <translation>Punkt</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>Weiter ›</translation>
    </message>
    <message>
        <source>Next field</source>
        <translation>Nächstes Feld</translation>
    </message>
</context>
<context>
    <name>UnknownCodeScreen</name>
    <message>
        <source>We don&apos;t know this code</source>
        <translation>Diesen Code kennen wir nicht</translation>
    </message>
    <message>
        <source>We read: {code}</source>
        <translation>Gelesen: {code}</translation>
    </message>
    <message>
        <source>The code we read</source>
        <translation>Der gelesene Code</translation>
    </message>
    <message>
        <source>Please type the number printed under the barcode, or scan another shoe.</source>
        <translation>Bitte tippen Sie die Nummer unter dem Barcode ein oder scannen Sie einen anderen Schuh.</translation>
    </message>
    <message>
        <source>Still stuck? Ask a staff member — they are happy to help.</source>
        <translation>Kommen Sie nicht weiter? Unser Personal hilft Ihnen gern.</translation>
    </message>
    <message>
        <source>Number keypad</source>
        <translation>Zahlenfeld</translation>
    </message>
</context>
<context>
    <name>VoiceView</name>
    <message>
        <source>Too few votes</source>
        <translation>Zu wenige Stimmen</translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation>Uneinheitlich</translation>
    </message>
    <message>
        <source>Runs small: one size up</source>
        <translation>Fällt klein aus: eine Größe größer</translation>
    </message>
    <message>
        <source>True to size</source>
        <translation>Passt genau</translation>
    </message>
    <message>
        <source>Runs large: one size down</source>
        <translation>Fällt groß aus: eine Größe kleiner</translation>
    </message>
    <message>
        <source>size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <source>price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>just looking</source>
        <translation>nur schauen</translation>
    </message>
    <message>
        <source>No scans answered at the kiosk yet.</source>
        <translation>Noch keine Scans am Kiosk beantwortet.</translation>
    </message>
    <message>
        <source>{count} scans answered at the kiosk, median {seconds} s — about {minutes} minutes of staff time saved ({check}-minute stock check).</source>
        <translation>{count} Scans am Kiosk beantwortet, Median {seconds} s – etwa {minutes} Minuten Personalzeit gespart (Lagerprüfung {check} Minuten).</translation>
    </message>
    <message>
        <source>Today: {text}</source>
        <translation>Heute: {text}</translation>
    </message>
    <message>
        <source>{small} small · {true} true · {large} large</source>
        <translation>{small} klein · {true} genau · {large} groß</translation>
    </message>
    <message>
        <source>{count} days</source>
        <translation>{count} Tage</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Fit votes</source>
        <translation>Passform-Stimmen</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Sizes asked for</source>
        <translation>Gewünschte Größen</translation>
    </message>
    <message>
        <source>Why they left</source>
        <translation>Warum ohne Kauf</translation>
    </message>
    <message>
        <source>Lost demand</source>
        <translation>Entgangene Nachfrage</translation>
    </message>
    <message>
        <source>Customer voice</source>
        <translation>Stimme der Kundschaft</translation>
    </message>
</context>
<context>
    <name>WantedSize</name>
    <message>
        <source>Thank you: the store will know EU {size} was asked for.</source>
        <translation>Danke: Die Filiale erfährt, dass EU {size} gewünscht wurde.</translation>
    </message>
    <message>
        <source>Your size isn&apos;t made in this style? Tell us:</source>
        <translation>Ihre Größe gibt es in diesem Modell nicht? Sagen Sie es uns:</translation>
    </message>
</context>
<context>
    <name>WhyLeaving</name>
    <message>
        <source>Before you go: why no pair today?</source>
        <translation>Bevor Sie gehen: Warum heute kein Paar?</translation>
    </message>
    <message>
        <source>My size isn&apos;t available</source>
        <translation>Meine Größe ist nicht da</translation>
    </message>
    <message>
        <source>The colour</source>
        <translation>Die Farbe</translation>
    </message>
    <message>
        <source>The price</source>
        <translation>Der Preis</translation>
    </message>
    <message>
        <source>Just looking</source>
        <translation>Ich schaue nur</translation>
    </message>
    <message>
        <source>Skip and start over</source>
        <translation>Überspringen und neu beginnen</translation>
    </message>
</context>
<context>
    <name>PhoneHandoff</name>
    <message>
        <source>Continue on your phone</source>
        <translation>Auf dem Handy weiter</translation>
    </message>
    <message>
        <source>QR code to continue on your phone</source>
        <translation>QR-Code, um auf dem Handy weiterzumachen</translation>
    </message>
    <message>
        <source>Getting your code…</source>
        <translation>Ihr Code kommt…</translation>
    </message>
    <message>
        <source>Scan with your phone&apos;s camera and order there: your address stays on your phone.</source>
        <translation>Mit der Handykamera scannen und dort bestellen: Ihre Adresse bleibt auf Ihrem Handy.</translation>
    </message>
    <message>
        <source>Not available right now: please carry on here.</source>
        <translation>Gerade nicht verfügbar: bitte hier weitermachen.</translation>
    </message>
    <message>
        <source>Continued on your phone</source>
        <translation>Auf dem Handy fortgesetzt</translation>
    </message>
</context>
</TS>
