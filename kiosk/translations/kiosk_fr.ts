<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>Address</name>
    <message>
        <source>Please type your full name.</source>
        <translation>Veuillez saisir vos nom et prénom.</translation>
    </message>
    <message>
        <source>Please type your street and house number.</source>
        <translation>Veuillez saisir le numéro et la rue.</translation>
    </message>
    <message>
        <source>Please type your postcode.</source>
        <translation>Veuillez saisir votre code postal.</translation>
    </message>
    <message>
        <source>This postcode does not look right for {country}.</source>
        <translation>Ce code postal ne semble pas valable pour : {country}.</translation>
    </message>
    <message>
        <source>Please type your town or city.</source>
        <translation>Veuillez saisir votre ville.</translation>
    </message>
    <message>
        <source>Please choose your country.</source>
        <translation>Veuillez choisir votre pays.</translation>
    </message>
    <message>
        <source>This email address does not look right.</source>
        <translation>Cette adresse e-mail semble incorrecte.</translation>
    </message>
    <message>
        <source>This phone number does not look right for {country}.</source>
        <translation>Ce numéro de téléphone ne semble pas valable pour : {country}.</translation>
    </message>
    <message>
        <source>Please give an email address or a phone number.</source>
        <translation>Veuillez indiquer une adresse e-mail ou un numéro de téléphone.</translation>
    </message>
    <message>
        <source>This is too long.</source>
        <translation>C&apos;est trop long.</translation>
    </message>
</context>
<context>
    <name>AddressForm</name>
    <message>
        <source>Full name</source>
        <translation>Nom et prénom</translation>
    </message>
    <message>
        <source>Street and number</source>
        <translation>Numéro et rue</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>Town or city</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Email (or phone)</source>
        <translation>E-mail (ou téléphone)</translation>
    </message>
    <message>
        <source>Phone (or email)</source>
        <translation>Téléphone (ou e-mail)</translation>
    </message>
    <message>
        <source>Where shall we send it?</source>
        <translation>Où devons-nous livrer ?</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Continue to review</source>
        <translation>Continuer vers le récapitulatif</translation>
    </message>
</context>
<context>
    <name>AdminHeader</name>
    <message>
        <source>Quit kiosk</source>
        <translation>Arrêter le kiosque</translation>
    </message>
    <message>
        <source>Exit admin</source>
        <translation>Quitter l'admin</translation>
    </message>
</context>
<context>
    <name>AdminMessages</name>
    <message>
        <source>Unexpected error ({kind})</source>
        <translation>Erreur inattendue ({kind})</translation>
    </message>
    <message>
        <source>Not a shoe barcode: {code}</source>
        <translation>Pas un code-barres de chaussure : {code}</translation>
    </message>
    <message>
        <source>Adding {gtin}…</source>
        <translation>Ajout de {gtin}…</translation>
    </message>
    <message>
        <source>Not added: {error}</source>
        <translation>Non ajouté : {error}</translation>
    </message>
    <message>
        <source>+1  {product}  size {size}  →  {count}</source>
        <translation>+1  {product}  pointure {size}  →  {count}</translation>
    </message>
    <message>
        <source>+1  {product}  size {size}  →  {count} (queued: will be sent when the service is back)</source>
        <translation>+1  {product}  pointure {size}  →  {count} (en attente : sera envoyé dès que le service sera de retour)</translation>
    </message>
    <message>
        <source>Undoing {product} {size}…</source>
        <translation>Annulation de {product} {size}…</translation>
    </message>
    <message>
        <source>Undo failed: {error}</source>
        <translation>Échec de l&apos;annulation : {error}</translation>
    </message>
    <message>
        <source>Undone: {product} {size}</source>
        <translation>Annulé : {product} {size}</translation>
    </message>
    <message>
        <source>{product} size {size}</source>
        <translation>{product} pointure {size}</translation>
    </message>
    <message>
        <source>Count not saved: {error}</source>
        <translation>Comptage non enregistré : {error}</translation>
    </message>
    <message>
        <source>Count saved: {gtin} = {quantity}</source>
        <translation>Comptage enregistré : {gtin} = {quantity}</translation>
    </message>
    <message>
        <source>Count saved: {gtin} = {quantity} (queued)</source>
        <translation>Comptage enregistré : {gtin} = {quantity} (en attente)</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Recherche…</translation>
    </message>
    <message>
        <source>Not changed: {error}</source>
        <translation>Non modifié : {error}</translation>
    </message>
    <message>
        <source>{gtin}: {delta} queued</source>
        <translation>{gtin} : {delta} en attente</translation>
    </message>
    <message>
        <source>{gtin}: now {on_hand}</source>
        <translation>{gtin} : maintenant {on_hand}</translation>
    </message>
    <message>
        <source>Order {number} is paid</source>
        <translation>La commande {number} est payée</translation>
    </message>
    <message>
        <source>No order {number} in this store</source>
        <translation>Aucune commande {number} dans ce magasin</translation>
    </message>
    <message>
        <source>Not marked paid: {error}</source>
        <translation>Non marquée payée : {error}</translation>
    </message>
    <message>
        <source>Marking {number} paid…</source>
        <translation>Marquage de {number} comme payée…</translation>
    </message>
    <message>
        <source>Order {number} cancelled; its pairs are released</source>
        <translation>Commande {number} annulée ; ses paires sont libérées</translation>
    </message>
    <message>
        <source>Not cancelled: {error}</source>
        <translation>Non annulée : {error}</translation>
    </message>
    <message>
        <source>{count} sent</source>
        <translation>{count} envoyée(s)</translation>
    </message>
    <message>
        <source>Still not sent: {error}</source>
        <translation>Toujours pas envoyée(s) : {error}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>No export folder is configured</source>
        <translation>Aucun dossier d&apos;export n&apos;est configuré</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>Enregistré : {path}</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>Non enregistré : {error}</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Import en cours…</translation>
    </message>
    <message>
        <source>Import failed: {error}</source>
        <translation>Échec de l&apos;import : {error}</translation>
    </message>
    <message>
        <source>Could not check the PIN right now</source>
        <translation>Impossible de vérifier le code PIN pour le moment</translation>
    </message>
    <message>
        <source>Service: {state}</source>
        <translation>Service : {state}</translation>
    </message>
    <message>
        <source>status unknown</source>
        <translation>état inconnu</translation>
    </message>
    <message>
        <source>nothing waiting</source>
        <translation>rien en attente</translation>
    </message>
    <message>
        <source>{count} waiting to send</source>
        <translation>{count} en attente d&apos;envoi</translation>
    </message>
    <message>
        <source>{backlog} · {count} audit events not yet at the service</source>
        <translation>{backlog} · {count} événements d&apos;audit pas encore transmis au service</translation>
    </message>
    <message>
        <source>Signed in: {name}</source>
        <translation>Connecté·e : {name}</translation>
    </message>
    <message>
        <source>online</source>
        <translation>en ligne</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>perturbé</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>hors ligne</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <source>Camera not working — please type the number under the barcode.</source>
        <translation>La caméra ne fonctionne pas – tapez le numéro sous le code-barres.</translation>
    </message>
    <message>
        <source>Camera preview</source>
        <translation>Image de la caméra</translation>
    </message>
</context>
<context>
    <name>ConfirmationScreen</name>
    <message>
        <source>Scan with your phone to follow your order there.</source>
        <translation>Scannez avec votre téléphone pour suivre votre commande.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>What happens next</source>
        <translation>La suite</translation>
    </message>
    <message>
        <source>Order number {number}</source>
        <translation>Commande numéro {number}</translation>
    </message>
    <message>
        <source>QR code of {number}</source>
        <translation>Code QR de {number}</translation>
    </message>
    <message>
        <source>Take a photo of the code to keep your number.</source>
        <translation>Prenez le code en photo pour garder votre numéro.</translation>
    </message>
    <message>
        <source>Your order is saved</source>
        <translation>Votre commande est enregistrée</translation>
    </message>
    <message>
        <source>Your reference</source>
        <translation>Votre référence</translation>
    </message>
    <message>
        <source>We couldn&apos;t reach our stock system just now. Your order is saved on this kiosk and will be confirmed shortly. Please show this reference at the counter and pay there; staff will tell you your order number.</source>
        <translation>Notre système de stock est momentanément injoignable. Votre commande est enregistrée sur cette borne et sera confirmée sous peu. Montrez cette référence en caisse et payez-y ; on vous y donnera votre numéro de commande.</translation>
    </message>
    <message>
        <source>Thank you — your order is placed</source>
        <translation>Merci, votre commande est passée</translation>
    </message>
    <message>
        <source>Your order number</source>
        <translation>Votre numéro de commande</translation>
    </message>
    <message>
        <source>1. Pay at the counter: show this number.
2. Your pair is reserved for you until {time}.
3. Once staff mark it paid, it is sent to your home.</source>
        <translation>1. Payez en caisse en montrant ce numéro.
2. Votre paire vous est réservée jusqu&apos;à {time}.
3. Une fois le paiement enregistré, elle vous est envoyée à domicile.</translation>
    </message>
    <message>
        <source>1. Pay at the counter: show this number.
2. Once staff mark it paid, it is sent to your home.</source>
        <translation>1. Payez en caisse en montrant ce numéro.
2. Une fois le paiement enregistré, la paire vous est envoyée à domicile.</translation>
    </message>
</context>
<context>
    <name>DemandView</name>
    <message>
        <source>{count} days</source>
        <translation>{count} jours</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Pointure</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Manqué</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>Scanné</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>En stock</translation>
    </message>
    <message>
        <source>Restock</source>
        <translation>À réassortir</translation>
    </message>
    <message>
        <source>Nothing missed</source>
        <translation>Rien de manqué</translation>
    </message>
    <message>
        <source>{count} sizes, since {date}</source>
        <translation>{count} pointures, depuis le {date}</translation>
    </message>
</context>
<context>
    <name>ErrorScreen</name>
    <message>
        <source>Sorry, that didn&apos;t work</source>
        <translation>Désolé, cela n&apos;a pas fonctionné</translation>
    </message>
    <message>
        <source>What went wrong</source>
        <translation>Ce qui n&apos;a pas fonctionné</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
</context>
<context>
    <name>FetchScreen</name>
    <message>
        <source>This size is here in the store</source>
        <translation>Cette pointure est ici, en magasin</translation>
    </message>
    <message>
        <source>Tap “Bring it to me” and a colleague brings the pair to this kiosk.</source>
        <translation>Touchez « Apportez-la-moi » et un collègue apporte la paire à cette borne.</translation>
    </message>
    <message>
        <source>Asking a colleague…</source>
        <translation>Nous prévenons un collègue…</translation>
    </message>
    <message>
        <source>A colleague has been asked</source>
        <translation>Un collègue a été prévenu</translation>
    </message>
    <message>
        <source>Please wait here. Your ticket number:</source>
        <translation>Merci de patienter ici. Votre numéro :</translation>
    </message>
    <message>
        <source>A colleague is on the way</source>
        <translation>Un collègue arrive</translation>
    </message>
    <message>
        <source>Your pair is here</source>
        <translation>Votre paire est là</translation>
    </message>
    <message>
        <source>Enjoy trying it on! Your ticket number was:</source>
        <translation>Bon essayage ! Votre numéro était :</translation>
    </message>
    <message>
        <source>Request cancelled</source>
        <translation>Demande annulée</translation>
    </message>
    <message>
        <source>Nobody will bring the pair. You can choose another size.</source>
        <translation>Personne n&apos;apportera la paire. Vous pouvez choisir une autre pointure.</translation>
    </message>
    <message>
        <source>Your request is saved</source>
        <translation>Votre demande est enregistrée</translation>
    </message>
    <message>
        <source>We couldn&apos;t ask a colleague</source>
        <translation>Nous n&apos;avons pas pu prévenir un collègue</translation>
    </message>
    <message>
        <source>Ticket number {ticket}</source>
        <translation>Numéro {ticket}</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Bring it to me</source>
        <translation>Apportez-la-moi</translation>
    </message>
    <message>
        <source>Cancel request</source>
        <translation>Annuler la demande</translation>
    </message>
    <message>
        <source>Start over? Your request will be cancelled, so nobody brings the pair.</source>
        <translation>Recommencer ? Votre demande sera annulée et personne n’apportera la paire.</translation>
    </message>
    <message>
        <source>Keep waiting</source>
        <translation>Continuer d’attendre</translation>
    </message>
    <message>
        <source>Cancel and start over</source>
        <translation>Annuler et recommencer</translation>
    </message>
</context>
<context>
    <name>FetchView</name>
    <message>
        <source>claimed by {name}</source>
        <translation>pris en charge par {name}</translation>
    </message>
    <message>
        <source>open</source>
        <translation>ouverte</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Shoe</source>
        <translation>Chaussure</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Pointure</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Kiosque</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Attente</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>{count} waiting</source>
        <translation>{count} en attente</translation>
    </message>
    <message>
        <source>No one is waiting</source>
        <translation>Personne n&apos;attend</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>Prendre</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
</context>
<context>
    <name>FitAdvice</name>
    <message>
        <source>Most shoppers say it fits true to size ({count} votes)</source>
        <translation>La plupart des clients disent qu’il taille normalement ({count} avis)</translation>
    </message>
    <message>
        <source>Most shoppers say it runs small ({count} votes)</source>
        <translation>La plupart des clients disent qu’il taille petit ({count} avis)</translation>
    </message>
    <message>
        <source>Most shoppers say it runs large ({count} votes)</source>
        <translation>La plupart des clients disent qu’il taille grand ({count} avis)</translation>
    </message>
    <message>
        <source>Most shoppers say it runs small — consider EU {size} ({count} votes)</source>
        <translation>La plupart disent qu’il taille petit – pensez au EU {size} ({count} avis)</translation>
    </message>
    <message>
        <source>Most shoppers say it runs large — consider EU {size} ({count} votes)</source>
        <translation>La plupart disent qu’il taille grand – pensez au EU {size} ({count} avis)</translation>
    </message>
</context>
<context>
    <name>FitPrompt</name>
    <message>
        <source>Tried it on? Tell us how it fits</source>
        <translation>Essayé ? Dites-nous comment il chausse</translation>
    </message>
    <message>
        <source>How does it fit?</source>
        <translation>Comment chausse-t-il ?</translation>
    </message>
    <message>
        <source>Runs small</source>
        <translation>Taille petit</translation>
    </message>
    <message>
        <source>True to size</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Runs large</source>
        <translation>Taille grand</translation>
    </message>
    <message>
        <source>Thank you! Your answer helps the next shopper choose a size.</source>
        <translation>Merci ! Votre avis aide le prochain client à choisir sa pointure.</translation>
    </message>
</context>
<context>
    <name>HealthView</name>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Solution</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Vérifier à nouveau</translation>
    </message>
</context>
<context>
    <name>ImportView</name>
    <message>
        <source>{count} problems — nothing was written:</source>
        <translation>{count} problèmes – rien n&apos;a été écrit :</translation>
    </message>
    <message>
        <source>line {number}{column}: {message}</source>
        <translation>ligne {number}{column} : {message}</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… et {count} de plus</translation>
    </message>
    <message>
        <source>Imported {rows} rows: {created} new, {updated} changed, {unchanged} unchanged</source>
        <translation>{rows} lignes importées : {created} nouvelles, {updated} modifiées, {unchanged} inchangées</translation>
    </message>
    <message>
        <source>Dry run OK — would import {rows} rows: {created} new, {updated} changed, {unchanged} unchanged</source>
        <translation>Essai OK – importerait {rows} lignes : {created} nouvelles, {updated} modifiées, {unchanged} inchangées</translation>
    </message>
    <message>
        <source>No import folder is configured</source>
        <translation>Aucun dossier d&apos;import n&apos;est configuré</translation>
    </message>
    <message>
        <source>Files in {folder}</source>
        <translation>Fichiers dans {folder}</translation>
    </message>
    <message>
        <source>Check (dry run)</source>
        <translation>Vérifier (essai)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <source>Refresh list</source>
        <translation>Actualiser la liste</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Clear all digits</source>
        <translation>Effacer tous les chiffres</translation>
    </message>
    <message>
        <source>Delete last digit</source>
        <translation>Effacer le dernier chiffre</translation>
    </message>
    <message>
        <source>Find this code</source>
        <translation>Rechercher ce code</translation>
    </message>
    <message>
        <source>Type the 8, 12 or 13 digits printed under the barcode.</source>
        <translation>Tapez les 8, 12 ou 13 chiffres imprimés sous le code-barres.</translation>
    </message>
    <message>
        <source>Number OK — tap Find.</source>
        <translation>Numéro correct – touchez « Chercher ».</translation>
    </message>
    <message>
        <source>That number does not check out — please compare it with the tag.</source>
        <translation>Ce numéro n’est pas valable – comparez-le avec l’étiquette.</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Chercher</translation>
    </message>
</context>
<context>
    <name>LookingUpScreen</name>
    <message>
        <source>Finding every size…</source>
        <translation>Recherche de toutes les pointures…</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Something went wrong. Please try again, or ask a member of staff for help.</source>
        <translation>Un problème est survenu. Réessayez ou demandez de l&apos;aide à un vendeur.</translation>
    </message>
    <message>
        <source>We couldn&apos;t confirm your order just now. It is saved on this kiosk and will be sent again automatically.</source>
        <translation>Nous n&apos;avons pas pu confirmer votre commande pour l&apos;instant. Elle est enregistrée sur cette borne et sera renvoyée automatiquement.</translation>
    </message>
    <message>
        <source>We can&apos;t reach our stock system right now. Please try again in a moment, or ask a member of staff for help.</source>
        <translation>Notre système de stock est injoignable pour le moment. Réessayez dans un instant ou demandez de l&apos;aide à un vendeur.</translation>
    </message>
    <message>
        <source>We can&apos;t reach our stock system right now. Your order is saved on this kiosk and will be sent as soon as the connection is back.</source>
        <translation>Notre système de stock est injoignable pour le moment. Votre commande est enregistrée sur cette borne et sera envoyée dès le retour de la connexion.</translation>
    </message>
    <message>
        <source>We couldn&apos;t find this item. Please try another one, or ask a member of staff for help.</source>
        <translation>Nous n&apos;avons pas trouvé cet article. Essayez-en un autre ou demandez de l&apos;aide à un vendeur.</translation>
    </message>
    <message>
        <source>Sorry, this size has just sold out. Please choose another size, or ask a member of staff for help.</source>
        <translation>Désolé, cette pointure vient d&apos;être épuisée. Choisissez une autre pointure ou demandez de l&apos;aide à un vendeur.</translation>
    </message>
    <message>
        <source>This kiosk is not set up correctly at the moment. Please ask a member of staff for help.</source>
        <translation>Cette borne n&apos;est pas configurée correctement pour le moment. Veuillez demander de l&apos;aide à un vendeur.</translation>
    </message>
    <message>
        <source>We couldn&apos;t accept this request. Please check the details, or ask a member of staff for help.</source>
        <translation>Nous n&apos;avons pas pu accepter cette demande. Vérifiez les informations ou demandez de l&apos;aide à un vendeur.</translation>
    </message>
    <message>
        <source>Our stock system gave an unexpected answer. Please try again in a moment, or ask a member of staff for help.</source>
        <translation>Notre système de stock a donné une réponse inattendue. Réessayez dans un instant ou demandez de l&apos;aide à un vendeur.</translation>
    </message>
    <message>
        <source>Our stock system is busy right now. Please try again in a moment, or ask a member of staff for help.</source>
        <translation>Notre système de stock est très sollicité en ce moment. Réessayez dans un instant ou demandez de l&apos;aide à un vendeur.</translation>
    </message>
    <message>
        <source>Something went wrong on our side. Please ask a staff member.</source>
        <translation>Un problème est survenu de notre côté. Veuillez demander à un vendeur.</translation>
    </message>
</context>
<context>
    <name>NavBar</name>
    <message>
        <source>‹  Back</source>
        <translation>‹  Retour</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>Recommencer</translation>
    </message>
</context>
<context>
    <name>Notify</name>
    <message>
        <source>Please type your email address.</source>
        <translation>Veuillez saisir votre adresse e-mail.</translation>
    </message>
    <message>
        <source>This email address does not look right. Please check it, e.g. name@example.com.</source>
        <translation>Cette adresse e-mail ne semble pas correcte. Vérifiez-la, p. ex. nom@exemple.fr.</translation>
    </message>
</context>
<context>
    <name>NotifyScreen</name>
    <message>
        <source>{name} in EU {size} is sold out everywhere</source>
        <translation>{name} en EU {size} est épuisé partout</translation>
    </message>
    <message>
        <source>Leave your email address and the store will write to you when this size is back. We use it for nothing else.</source>
        <translation>Laissez votre adresse e-mail : le magasin vous écrira dès que cette pointure sera de retour. Nous ne l’utilisons pour rien d’autre.</translation>
    </message>
    <message>
        <source>Your email address</source>
        <translation>Votre adresse e-mail</translation>
    </message>
    <message>
        <source>Email me when it&apos;s back</source>
        <translation>Me prévenir par e-mail</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi en cours…</translation>
    </message>
    <message>
        <source>Thank you — the store will email you when EU {size} is back. You can scan another shoe or start over.</source>
        <translation>Merci – le magasin vous écrira dès que la pointure EU {size} sera de retour. Vous pouvez scanner une autre chaussure ou recommencer.</translation>
    </message>
    <message>
        <source>Thank you — your request is saved on this kiosk and reaches the store as soon as the connection is back.</source>
        <translation>Merci – votre demande est enregistrée sur cette borne et parviendra au magasin dès le retour de la connexion.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Done, start over</source>
        <translation>Terminé, recommencer</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <source>reserved</source>
        <translation>réservée</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>payée</translation>
    </message>
    <message>
        <source>shipped</source>
        <translation>expédiée</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulée</translation>
    </message>
    <message>
        <source>queued on the kiosk</source>
        <translation>en attente sur le kiosque</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échouée</translation>
    </message>
    <message>
        <source>Scan the QR code on the shopper&apos;s phone to mark the order paid</source>
        <translation>Scannez le code QR sur le téléphone du client pour marquer la commande comme payée</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créée</translation>
    </message>
    <message>
        <source>Reason for cancelling</source>
        <translation>Motif de l&apos;annulation</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>Annuler la commande</translation>
    </message>
    <message>
        <source>Retry queued orders</source>
        <translation>Renvoyer les commandes en attente</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>This badge is not on this kiosk&apos;s staff list</source>
        <translation>Ce badge ne figure pas sur la liste du personnel de ce kiosque</translation>
    </message>
    <message>
        <source>Hello {name} — type your PIN</source>
        <translation>Bonjour {name} – saisissez votre code PIN</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Wrong PIN — {count} more tries before entry locks</source>
        <translation>Code PIN erroné – encore {count} essais avant le blocage</translation>
    </message>
    <message>
        <source>Wrong PIN — one more wrong PIN locks entry</source>
        <translation>Code PIN erroné – un autre code erroné bloque la saisie</translation>
    </message>
    <message>
        <source>Staff sign-in</source>
        <translation>Connexion du personnel</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Delete last digit</source>
        <translation>Effacer le dernier chiffre</translation>
    </message>
    <message>
        <source>Digits typed</source>
        <translation>Chiffres saisis</translation>
    </message>
    <message>
        <source>Choose your name (or scan your badge), then type your PIN</source>
        <translation>Choisissez votre nom (ou scannez votre badge), puis saisissez votre code PIN</translation>
    </message>
    <message>
        <source>Too many wrong PINs — locked for {time}</source>
        <translation>Trop de codes PIN erronés – bloqué pendant {time}</translation>
    </message>
    <message>
        <source>You can try again now</source>
        <translation>Vous pouvez réessayer maintenant</translation>
    </message>
</context>
<context>
    <name>ProductScreen</name>
    <message>
        <source>No picture</source>
        <translation>Pas d&apos;image</translation>
    </message>
    <message>
        <source>Price {price}</source>
        <translation>Prix {price}</translation>
    </message>
    <message>
        <source>Picture of {name}</source>
        <translation>Image de {name}</translation>
    </message>
    <message>
        <source>Choose your size</source>
        <translation>Choisissez votre pointure</translation>
    </message>
    <message>
        <source>Green: in this store · Blue: from the warehouse to your home · Orange: another store · Grey: sold out</source>
        <translation>Vert : dans ce magasin · Bleu : de l’entrepôt chez vous · Orange : autre magasin · Gris : épuisé</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Image</translation>
    </message>
</context>
<context>
    <name>QuitConfirm</name>
    <message>
        <source>Quit the kiosk? It stays off, and shoppers cannot use it, until it is started again (restart the machine, or: systemctl start endless-aisle-kiosk).</source>
        <translation>Arrêter le kiosque ? Il reste éteint et les clients ne peuvent pas l&apos;utiliser jusqu&apos;à son redémarrage (redémarrez la machine, ou : systemctl start endless-aisle-kiosk).</translation>
    </message>
    <message>
        <source>Quit now</source>
        <translation>Arrêter maintenant</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>ReceivingView</name>
    <message>
        <source>Receiving: each scan adds one pair</source>
        <translation>Réception : chaque scan ajoute une paire</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>Réception</translation>
    </message>
    <message>
        <source>Counting</source>
        <translation>Comptage</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Pointure</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>Paires</translation>
    </message>
    <message>
        <source>Undo last scan</source>
        <translation>Annuler le dernier scan</translation>
    </message>
    <message>
        <source>Save count</source>
        <translation>Enregistrer le nombre</translation>
    </message>
    <message>
        <source>Scan a box to add it to this store&apos;s stock</source>
        <translation>Scannez une boîte pour l&apos;ajouter au stock de ce magasin</translation>
    </message>
    <message>
        <source>Counting: scan a size, then type how many there are</source>
        <translation>Comptage : scannez une pointure, puis saisissez le nombre</translation>
    </message>
    <message>
        <source>{count} pairs received</source>
        <translation>{count} paires reçues</translation>
    </message>
    <message>
        <source>How many {what}?</source>
        <translation>Combien de {what} ?</translation>
    </message>
    <message>
        <source>Scan a size to count it</source>
        <translation>Scannez une pointure pour la compter</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Check your order</source>
        <translation>Vérifiez votre commande</translation>
    </message>
    <message>
        <source>{name} · {brand} · EU {size}</source>
        <translation>{name} · {brand} · EU {size}</translation>
    </message>
    <message>
        <source>Delivered to your home by {date}.</source>
        <translation>Livrée chez vous au plus tard le {date}.</translation>
    </message>
    <message>
        <source>Price {price}</source>
        <translation>Prix {price}</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>Livrer à</translation>
    </message>
    <message>
        <source>You pay at the counter. The pair is reserved for you until staff mark it paid.</source>
        <translation>Vous payez en caisse. La paire vous est réservée jusqu&apos;à l&apos;enregistrement du paiement.</translation>
    </message>
    <message>
        <source>Placing your order…</source>
        <translation>Commande en cours…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Place order</source>
        <translation>Commander</translation>
    </message>
    <message>
        <source>Change address</source>
        <translation>Modifier l’adresse</translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <source>Hold the barcode on the shoe&apos;s tag up to the camera.</source>
        <translation>Présentez le code-barres de l&apos;étiquette de la chaussure à la caméra.</translation>
    </message>
    <message>
        <source>Every size at a glance: here, at the warehouse, or nearby.</source>
        <translation>Toutes les pointures d&apos;un coup d&apos;œil : ici, à l&apos;entrepôt ou tout près.</translation>
    </message>
    <message>
        <source>Your size is here? We bring it to you.</source>
        <translation>Votre pointure est ici ? Nous vous l&apos;apportons.</translation>
    </message>
    <message>
        <source>Not here? Order it to your home in a minute.</source>
        <translation>Pas ici ? Commandez-la chez vous en une minute.</translation>
    </message>
    <message>
        <source>Scan a shoe to see every size</source>
        <translation>Scannez une chaussure pour voir toutes les pointures</translation>
    </message>
    <message>
        <source>Hold the barcode up to the camera, or type the number under it.</source>
        <translation>Présentez le code-barres à la caméra ou tapez le numéro inscrit dessous.</translation>
    </message>
    <message>
        <source>Type the code</source>
        <translation>Taper le numéro</translation>
    </message>
    <message>
        <source>Type the barcode number</source>
        <translation>Taper le numéro du code-barres</translation>
    </message>
    <message>
        <source>A USB barcode scanner works too.</source>
        <translation>Un lecteur de codes-barres USB fonctionne aussi.</translation>
    </message>
    <message>
        <source>Staff: 1 order needs attention — see admin</source>
        <translation>Personnel : 1 commande demande votre attention – voir l’administration</translation>
    </message>
    <message>
        <source>Staff: {count} orders need attention — see admin</source>
        <translation>Personnel : {count} commandes demandent votre attention – voir l’administration</translation>
    </message>
    <message>
        <source>Number keypad</source>
        <translation>Pavé numérique</translation>
    </message>
</context>
<context>
    <name>SectionBar</name>
    <message>
        <source>Receiving</source>
        <translation>Réception</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Fetch requests</source>
        <translation>Demandes</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Lost demand</source>
        <translation>Ventes manquées</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>État du kiosque</translation>
    </message>
</context>
<context>
    <name>SizeGrid</name>
    <message>
        <source>Size EU {eu}, UK {uk}, US {us}</source>
        <translation>Pointure EU {eu}, UK {uk}, US {us}</translation>
    </message>
    <message>
        <source>the size you scanned</source>
        <translation>la pointure scannée</translation>
    </message>
    <message>
        <source>In this store ({count})</source>
        <translation>En magasin ({count})</translation>
    </message>
    <message>
        <source>Warehouse — ship to home</source>
        <translation>Entrepôt – livraison à domicile</translation>
    </message>
    <message>
        <source>At {store}</source>
        <translation>À {store}</translation>
    </message>
    <message>
        <source>At {store} {distance}</source>
        <translation>À {store} {distance}</translation>
    </message>
    <message>
        <source>Sold out</source>
        <translation>Épuisée</translation>
    </message>
    <message>
        <source>Not in this store</source>
        <translation>Pas dans ce magasin</translation>
    </message>
    <message>
        <source>+ {count} at the warehouse</source>
        <translation>+ {count} à l&apos;entrepôt</translation>
    </message>
    <message>
        <source>{count} at the warehouse</source>
        <translation>{count} à l&apos;entrepôt</translation>
    </message>
    <message>
        <source>+ 1 more store</source>
        <translation>+ 1 autre magasin</translation>
    </message>
    <message>
        <source>+ {count} more stores</source>
        <translation>+ {count} autres magasins</translation>
    </message>
    <message>
        <source>Ask a staff member</source>
        <translation>Demandez à un vendeur</translation>
    </message>
    <message>
        <source>Showing saved stock information; it may have changed since.</source>
        <translation>Stock enregistré ; il a pu changer depuis.</translation>
    </message>
    <message>
        <source>Stock of the warehouse and other stores is unavailable right now.</source>
        <translation>Le stock de l&apos;entrepôt et des autres magasins est indisponible pour le moment.</translation>
    </message>
    <message>
        <source>Warehouse stock unavailable right now; showing this store.</source>
        <translation>Stock de l&apos;entrepôt indisponible pour le moment ; voici ce magasin.</translation>
    </message>
    <message>
        <source>Store stock unavailable right now; showing the warehouse.</source>
        <translation>Stock des magasins indisponible pour le moment ; voici l&apos;entrepôt.</translation>
    </message>
    <message>
        <source>Tap: email me when it&apos;s back</source>
        <translation>Touchez : un e-mail au retour</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>Scannée</translation>
    </message>
    <message>
        <source>Sizes</source>
        <translation>Pointures</translation>
    </message>
    <message>
        <source>the size other shoppers suggest</source>
        <translation>la pointure conseillée par d’autres clients</translation>
    </message>
    <message>
        <source>★ Shoppers suggest this size</source>
        <translation>★ Conseillée par les clients</translation>
    </message>
</context>
<context>
    <name>StillThere</name>
    <message>
        <source>Still there?</source>
        <translation>Toujours là ?</translation>
    </message>
    <message>
        <source>To keep your details private we will start over in {seconds} s.</source>
        <translation>Pour protéger vos données, nous recommençons dans {seconds} s.</translation>
    </message>
    <message>
        <source>I&apos;m still here</source>
        <translation>Je suis toujours là</translation>
    </message>
</context>
<context>
    <name>StockView</name>
    <message>
        <source>Name, brand, GTIN or style</source>
        <translation>Nom, marque, GTIN ou modèle</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Chercher</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Pointure</translation>
    </message>
    <message>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <source>This store</source>
        <translation>Ce magasin</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Entrepôt</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>{count} styles found</source>
        <translation>{count} modèles trouvés</translation>
    </message>
</context>
<context>
    <name>StoresScreen</name>
    <message>
        <source>1 pair</source>
        <translation>1 paire</translation>
    </message>
    <message>
        <source>{count} pairs</source>
        <translation>{count} paires</translation>
    </message>
    <message>
        <source>EU {size} is at these stores</source>
        <translation>La pointure EU {size} est dans ces magasins</translation>
    </message>
    <message>
        <source>Not in this store right now. Ask a staff member to reserve it there for you.</source>
        <translation>Pas dans ce magasin pour le moment. Un vendeur peut vous la réserver là-bas.</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <source>⇧ Shift</source>
        <translation>⇧ Maj</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Majuscule</translation>
    </message>
    <message>
        <source>At sign</source>
        <translation>Arobase</translation>
    </message>
    <message>
        <source>Hyphen</source>
        <translation>Trait d&apos;union</translation>
    </message>
    <message>
        <source>space</source>
        <translation>espace</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Espace</translation>
    </message>
    <message>
        <source>Full stop</source>
        <translation>Point</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>Suivant ›</translation>
    </message>
    <message>
        <source>Next field</source>
        <translation>Champ suivant</translation>
    </message>
</context>
<context>
    <name>UnknownCodeScreen</name>
    <message>
        <source>We don&apos;t know this code</source>
        <translation>Nous ne connaissons pas ce code</translation>
    </message>
    <message>
        <source>We read: {code}</source>
        <translation>Code lu : {code}</translation>
    </message>
    <message>
        <source>The code we read</source>
        <translation>Le code lu</translation>
    </message>
    <message>
        <source>Please type the number printed under the barcode, or scan another shoe.</source>
        <translation>Tapez le numéro imprimé sous le code-barres ou scannez une autre chaussure.</translation>
    </message>
    <message>
        <source>Still stuck? Ask a staff member — they are happy to help.</source>
        <translation>Toujours bloqué ? Un vendeur se fera un plaisir de vous aider.</translation>
    </message>
    <message>
        <source>Number keypad</source>
        <translation>Pavé numérique</translation>
    </message>
</context>
<context>
    <name>VoiceView</name>
    <message>
        <source>Too few votes</source>
        <translation>Trop peu d’avis</translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation>Partagé</translation>
    </message>
    <message>
        <source>Runs small: one size up</source>
        <translation>Taille petit : une pointure au-dessus</translation>
    </message>
    <message>
        <source>True to size</source>
        <translation>Taille normalement</translation>
    </message>
    <message>
        <source>Runs large: one size down</source>
        <translation>Taille grand : une pointure en dessous</translation>
    </message>
    <message>
        <source>size</source>
        <translation>pointure</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>couleur</translation>
    </message>
    <message>
        <source>price</source>
        <translation>prix</translation>
    </message>
    <message>
        <source>just looking</source>
        <translation>juste un coup d’œil</translation>
    </message>
    <message>
        <source>No scans answered at the kiosk yet.</source>
        <translation>Aucun scan encore traité au kiosque.</translation>
    </message>
    <message>
        <source>{count} scans answered at the kiosk, median {seconds} s — about {minutes} minutes of staff time saved ({check}-minute stock check).</source>
        <translation>{count} scans traités au kiosque, médiane {seconds} s – environ {minutes} minutes de personnel économisées (vérification du stock : {check} minutes).</translation>
    </message>
    <message>
        <source>Today: {text}</source>
        <translation>Aujourd’hui : {text}</translation>
    </message>
    <message>
        <source>{small} small · {true} true · {large} large</source>
        <translation>{small} petit · {true} normal · {large} grand</translation>
    </message>
    <message>
        <source>{count} days</source>
        <translation>{count} jours</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Fit votes</source>
        <translation>Avis sur la taille</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Sizes asked for</source>
        <translation>Pointures demandées</translation>
    </message>
    <message>
        <source>Why they left</source>
        <translation>Pourquoi sans achat</translation>
    </message>
    <message>
        <source>Lost demand</source>
        <translation>Demande perdue</translation>
    </message>
    <message>
        <source>Customer voice</source>
        <translation>Voix des clients</translation>
    </message>
</context>
<context>
    <name>WantedSize</name>
    <message>
        <source>Thank you: the store will know EU {size} was asked for.</source>
        <translation>Merci : le magasin saura que le EU {size} a été demandé.</translation>
    </message>
    <message>
        <source>Your size isn&apos;t made in this style? Tell us:</source>
        <translation>Votre pointure n’existe pas dans ce modèle ? Dites-le-nous :</translation>
    </message>
</context>
<context>
    <name>WhyLeaving</name>
    <message>
        <source>Before you go: why no pair today?</source>
        <translation>Avant de partir : pourquoi pas de paire aujourd’hui ?</translation>
    </message>
    <message>
        <source>My size isn&apos;t available</source>
        <translation>Pas ma pointure</translation>
    </message>
    <message>
        <source>The colour</source>
        <translation>La couleur</translation>
    </message>
    <message>
        <source>The price</source>
        <translation>Le prix</translation>
    </message>
    <message>
        <source>Just looking</source>
        <translation>Je regarde</translation>
    </message>
    <message>
        <source>Skip and start over</source>
        <translation>Passer et recommencer</translation>
    </message>
</context>
<context>
    <name>PhoneHandoff</name>
    <message>
        <source>Continue on your phone</source>
        <translation>Continuer sur votre téléphone</translation>
    </message>
    <message>
        <source>QR code to continue on your phone</source>
        <translation>Code QR pour continuer sur votre téléphone</translation>
    </message>
    <message>
        <source>Getting your code…</source>
        <translation>Votre code arrive…</translation>
    </message>
    <message>
        <source>Scan with your phone&apos;s camera and order there: your address stays on your phone.</source>
        <translation>Scannez avec l&apos;appareil photo de votre téléphone et commandez-y : votre adresse reste sur votre téléphone.</translation>
    </message>
    <message>
        <source>Not available right now: please carry on here.</source>
        <translation>Indisponible pour le moment : continuez ici.</translation>
    </message>
    <message>
        <source>Continued on your phone</source>
        <translation>Poursuivi sur votre téléphone</translation>
    </message>
</context>
</TS>
