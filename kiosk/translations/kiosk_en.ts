<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Address</name>
    <message>
        <source>Please type your full name.</source>
        <translation>Please type your full name.</translation>
    </message>
    <message>
        <source>Please type your street and house number.</source>
        <translation>Please type your street and house number.</translation>
    </message>
    <message>
        <source>Please type your postcode.</source>
        <translation>Please type your postcode.</translation>
    </message>
    <message>
        <source>This postcode does not look right for {country}.</source>
        <translation>This postcode does not look right for {country}.</translation>
    </message>
    <message>
        <source>Please type your town or city.</source>
        <translation>Please type your town or city.</translation>
    </message>
    <message>
        <source>Please choose your country.</source>
        <translation>Please choose your country.</translation>
    </message>
    <message>
        <source>This email address does not look right.</source>
        <translation>This email address does not look right.</translation>
    </message>
    <message>
        <source>This phone number does not look right for {country}.</source>
        <translation>This phone number does not look right for {country}.</translation>
    </message>
    <message>
        <source>Please give an email address or a phone number.</source>
        <translation>Please give an email address or a phone number.</translation>
    </message>
    <message>
        <source>This is too long.</source>
        <translation>This is too long.</translation>
    </message>
</context>
<context>
    <name>AddressForm</name>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Street and number</source>
        <translation>Street and number</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>Town or city</source>
        <translation>Town or city</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Country</translation>
    </message>
    <message>
        <source>Email (or phone)</source>
        <translation>Email (or phone)</translation>
    </message>
    <message>
        <source>Phone (or email)</source>
        <translation>Phone (or email)</translation>
    </message>
    <message>
        <source>Where shall we send it?</source>
        <translation>Where shall we send it?</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>Continue to review</source>
        <translation>Continue to review</translation>
    </message>
</context>
<context>
    <name>AdminHeader</name>
    <message>
        <source>Quit kiosk</source>
        <translation>Quit kiosk</translation>
    </message>
    <message>
        <source>Exit admin</source>
        <translation>Exit admin</translation>
    </message>
</context>
<context>
    <name>AdminMessages</name>
    <message>
        <source>Unexpected error ({kind})</source>
        <translation>Unexpected error ({kind})</translation>
    </message>
    <message>
        <source>Not a shoe barcode: {code}</source>
        <translation>Not a shoe barcode: {code}</translation>
    </message>
    <message>
        <source>Adding {gtin}…</source>
        <translation>Adding {gtin}…</translation>
    </message>
    <message>
        <source>Not added: {error}</source>
        <translation>Not added: {error}</translation>
    </message>
    <message>
        <source>+1  {product}  size {size}  →  {count}</source>
        <translation>+1  {product}  size {size}  →  {count}</translation>
    </message>
    <message>
        <source>+1  {product}  size {size}  →  {count} (queued: will be sent when the service is back)</source>
        <translation>+1  {product}  size {size}  →  {count} (queued: will be sent when the service is back)</translation>
    </message>
    <message>
        <source>Undoing {product} {size}…</source>
        <translation>Undoing {product} {size}…</translation>
    </message>
    <message>
        <source>Undo failed: {error}</source>
        <translation>Undo failed: {error}</translation>
    </message>
    <message>
        <source>Undone: {product} {size}</source>
        <translation>Undone: {product} {size}</translation>
    </message>
    <message>
        <source>{product} size {size}</source>
        <translation>{product} size {size}</translation>
    </message>
    <message>
        <source>Count not saved: {error}</source>
        <translation>Count not saved: {error}</translation>
    </message>
    <message>
        <source>Count saved: {gtin} = {quantity}</source>
        <translation>Count saved: {gtin} = {quantity}</translation>
    </message>
    <message>
        <source>Count saved: {gtin} = {quantity} (queued)</source>
        <translation>Count saved: {gtin} = {quantity} (queued)</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Not changed: {error}</source>
        <translation>Not changed: {error}</translation>
    </message>
    <message>
        <source>{gtin}: {delta} queued</source>
        <translation>{gtin}: {delta} queued</translation>
    </message>
    <message>
        <source>{gtin}: now {on_hand}</source>
        <translation>{gtin}: now {on_hand}</translation>
    </message>
    <message>
        <source>Order {number} is paid</source>
        <translation>Order {number} is paid</translation>
    </message>
    <message>
        <source>No order {number} in this store</source>
        <translation>No order {number} in this store</translation>
    </message>
    <message>
        <source>Not marked paid: {error}</source>
        <translation>Not marked paid: {error}</translation>
    </message>
    <message>
        <source>Marking {number} paid…</source>
        <translation>Marking {number} paid…</translation>
    </message>
    <message>
        <source>Order {number} cancelled; its pairs are released</source>
        <translation>Order {number} cancelled; its pairs are released</translation>
    </message>
    <message>
        <source>Not cancelled: {error}</source>
        <translation>Not cancelled: {error}</translation>
    </message>
    <message>
        <source>{count} sent</source>
        <translation>{count} sent</translation>
    </message>
    <message>
        <source>Still not sent: {error}</source>
        <translation>Still not sent: {error}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>No export folder is configured</source>
        <translation>No export folder is configured</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>Not saved: {error}</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>Import failed: {error}</source>
        <translation>Import failed: {error}</translation>
    </message>
    <message>
        <source>Could not check the PIN right now</source>
        <translation>Could not check the PIN right now</translation>
    </message>
    <message>
        <source>Service: {state}</source>
        <translation>Service: {state}</translation>
    </message>
    <message>
        <source>status unknown</source>
        <translation>status unknown</translation>
    </message>
    <message>
        <source>nothing waiting</source>
        <translation>nothing waiting</translation>
    </message>
    <message>
        <source>{count} waiting to send</source>
        <translation>{count} waiting to send</translation>
    </message>
    <message>
        <source>{backlog} · {count} audit events not yet at the service</source>
        <translation>{backlog} · {count} audit events not yet at the service</translation>
    </message>
    <message>
        <source>Signed in: {name}</source>
        <translation>Signed in: {name}</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>degraded</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <source>Camera not working — please type the number under the barcode.</source>
        <translation>Camera not working — please type the number under the barcode.</translation>
    </message>
    <message>
        <source>Camera preview</source>
        <translation>Camera preview</translation>
    </message>
</context>
<context>
    <name>ConfirmationScreen</name>
    <message>
        <source>Scan with your phone to follow your order there.</source>
        <translation>Scan with your phone to follow your order there.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>What happens next</source>
        <translation>What happens next</translation>
    </message>
    <message>
        <source>Order number {number}</source>
        <translation>Order number {number}</translation>
    </message>
    <message>
        <source>QR code of {number}</source>
        <translation>QR code of {number}</translation>
    </message>
    <message>
        <source>Take a photo of the code to keep your number.</source>
        <translation>Take a photo of the code to keep your number.</translation>
    </message>
    <message>
        <source>Your order is saved</source>
        <translation>Your order is saved</translation>
    </message>
    <message>
        <source>Your reference</source>
        <translation>Your reference</translation>
    </message>
    <message>
        <source>We couldn&apos;t reach our stock system just now. Your order is saved on this kiosk and will be confirmed shortly. Please show this reference at the counter and pay there; staff will tell you your order number.</source>
        <translation>We couldn&apos;t reach our stock system just now. Your order is saved on this kiosk and will be confirmed shortly. Please show this reference at the counter and pay there; staff will tell you your order number.</translation>
    </message>
    <message>
        <source>Thank you — your order is placed</source>
        <translation>Thank you — your order is placed</translation>
    </message>
    <message>
        <source>Your order number</source>
        <translation>Your order number</translation>
    </message>
    <message>
        <source>1. Pay at the counter: show this number.
2. Your pair is reserved for you until {time}.
3. Once staff mark it paid, it is sent to your home.</source>
        <translation>1. Pay at the counter: show this number.
2. Your pair is reserved for you until {time}.
3. Once staff mark it paid, it is sent to your home.</translation>
    </message>
    <message>
        <source>1. Pay at the counter: show this number.
2. Once staff mark it paid, it is sent to your home.</source>
        <translation>1. Pay at the counter: show this number.
2. Once staff mark it paid, it is sent to your home.</translation>
    </message>
</context>
<context>
    <name>DemandView</name>
    <message>
        <source>{count} days</source>
        <translation>{count} days</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Style</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Missed</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>Scanned</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>On hand</translation>
    </message>
    <message>
        <source>Restock</source>
        <translation>Restock</translation>
    </message>
    <message>
        <source>Nothing missed</source>
        <translation>Nothing missed</translation>
    </message>
    <message>
        <source>{count} sizes, since {date}</source>
        <translation>{count} sizes, since {date}</translation>
    </message>
</context>
<context>
    <name>ErrorScreen</name>
    <message>
        <source>Sorry, that didn&apos;t work</source>
        <translation>Sorry, that didn&apos;t work</translation>
    </message>
    <message>
        <source>What went wrong</source>
        <translation>What went wrong</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
</context>
<context>
    <name>FetchScreen</name>
    <message>
        <source>This size is here in the store</source>
        <translation>This size is here in the store</translation>
    </message>
    <message>
        <source>Tap “Bring it to me” and a colleague brings the pair to this kiosk.</source>
        <translation>Tap “Bring it to me” and a colleague brings the pair to this kiosk.</translation>
    </message>
    <message>
        <source>Asking a colleague…</source>
        <translation>Asking a colleague…</translation>
    </message>
    <message>
        <source>A colleague has been asked</source>
        <translation>A colleague has been asked</translation>
    </message>
    <message>
        <source>Please wait here. Your ticket number:</source>
        <translation>Please wait here. Your ticket number:</translation>
    </message>
    <message>
        <source>A colleague is on the way</source>
        <translation>A colleague is on the way</translation>
    </message>
    <message>
        <source>Your pair is here</source>
        <translation>Your pair is here</translation>
    </message>
    <message>
        <source>Enjoy trying it on! Your ticket number was:</source>
        <translation>Enjoy trying it on! Your ticket number was:</translation>
    </message>
    <message>
        <source>Request cancelled</source>
        <translation>Request cancelled</translation>
    </message>
    <message>
        <source>Nobody will bring the pair. You can choose another size.</source>
        <translation>Nobody will bring the pair. You can choose another size.</translation>
    </message>
    <message>
        <source>Your request is saved</source>
        <translation>Your request is saved</translation>
    </message>
    <message>
        <source>We couldn&apos;t ask a colleague</source>
        <translation>We couldn&apos;t ask a colleague</translation>
    </message>
    <message>
        <source>Ticket number {ticket}</source>
        <translation>Ticket number {ticket}</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Bring it to me</source>
        <translation>Bring it to me</translation>
    </message>
    <message>
        <source>Cancel request</source>
        <translation>Cancel request</translation>
    </message>
    <message>
        <source>Start over? Your request will be cancelled, so nobody brings the pair.</source>
        <translation>Start over? Your request will be cancelled, so nobody brings the pair.</translation>
    </message>
    <message>
        <source>Keep waiting</source>
        <translation>Keep waiting</translation>
    </message>
    <message>
        <source>Cancel and start over</source>
        <translation>Cancel and start over</translation>
    </message>
</context>
<context>
    <name>FetchView</name>
    <message>
        <source>claimed by {name}</source>
        <translation>claimed by {name}</translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Shoe</source>
        <translation>Shoe</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>{count} waiting</source>
        <translation>{count} waiting</translation>
    </message>
    <message>
        <source>No one is waiting</source>
        <translation>No one is waiting</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>Claim</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>FitAdvice</name>
    <message>
        <source>Most shoppers say it fits true to size ({count} votes)</source>
        <translation>Most shoppers say it fits true to size ({count} votes)</translation>
    </message>
    <message>
        <source>Most shoppers say it runs small ({count} votes)</source>
        <translation>Most shoppers say it runs small ({count} votes)</translation>
    </message>
    <message>
        <source>Most shoppers say it runs large ({count} votes)</source>
        <translation>Most shoppers say it runs large ({count} votes)</translation>
    </message>
    <message>
        <source>Most shoppers say it runs small — consider EU {size} ({count} votes)</source>
        <translation>Most shoppers say it runs small — consider EU {size} ({count} votes)</translation>
    </message>
    <message>
        <source>Most shoppers say it runs large — consider EU {size} ({count} votes)</source>
        <translation>Most shoppers say it runs large — consider EU {size} ({count} votes)</translation>
    </message>
</context>
<context>
    <name>FitPrompt</name>
    <message>
        <source>Tried it on? Tell us how it fits</source>
        <translation>Tried it on? Tell us how it fits</translation>
    </message>
    <message>
        <source>How does it fit?</source>
        <translation>How does it fit?</translation>
    </message>
    <message>
        <source>Runs small</source>
        <translation>Runs small</translation>
    </message>
    <message>
        <source>True to size</source>
        <translation>True to size</translation>
    </message>
    <message>
        <source>Runs large</source>
        <translation>Runs large</translation>
    </message>
    <message>
        <source>Thank you! Your answer helps the next shopper choose a size.</source>
        <translation>Thank you! Your answer helps the next shopper choose a size.</translation>
    </message>
</context>
<context>
    <name>HealthView</name>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Fix</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Check again</translation>
    </message>
</context>
<context>
    <name>ImportView</name>
    <message>
        <source>{count} problems — nothing was written:</source>
        <translation>{count} problems — nothing was written:</translation>
    </message>
    <message>
        <source>line {number}{column}: {message}</source>
        <translation>line {number}{column}: {message}</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… and {count} more</translation>
    </message>
    <message>
        <source>Imported {rows} rows: {created} new, {updated} changed, {unchanged} unchanged</source>
        <translation>Imported {rows} rows: {created} new, {updated} changed, {unchanged} unchanged</translation>
    </message>
    <message>
        <source>Dry run OK — would import {rows} rows: {created} new, {updated} changed, {unchanged} unchanged</source>
        <translation>Dry run OK — would import {rows} rows: {created} new, {updated} changed, {unchanged} unchanged</translation>
    </message>
    <message>
        <source>No import folder is configured</source>
        <translation>No import folder is configured</translation>
    </message>
    <message>
        <source>Files in {folder}</source>
        <translation>Files in {folder}</translation>
    </message>
    <message>
        <source>Check (dry run)</source>
        <translation>Check (dry run)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Refresh list</source>
        <translation>Refresh list</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Clear all digits</source>
        <translation>Clear all digits</translation>
    </message>
    <message>
        <source>Delete last digit</source>
        <translation>Delete last digit</translation>
    </message>
    <message>
        <source>Find this code</source>
        <translation>Find this code</translation>
    </message>
    <message>
        <source>Type the 8, 12 or 13 digits printed under the barcode.</source>
        <translation>Type the 8, 12 or 13 digits printed under the barcode.</translation>
    </message>
    <message>
        <source>Number OK — tap Find.</source>
        <translation>Number OK — tap Find.</translation>
    </message>
    <message>
        <source>That number does not check out — please compare it with the tag.</source>
        <translation>That number does not check out — please compare it with the tag.</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Find</translation>
    </message>
</context>
<context>
    <name>LookingUpScreen</name>
    <message>
        <source>Finding every size…</source>
        <translation>Finding every size…</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Something went wrong. Please try again, or ask a member of staff for help.</source>
        <translation>Something went wrong. Please try again, or ask a member of staff for help.</translation>
    </message>
    <message>
        <source>We couldn&apos;t confirm your order just now. It is saved on this kiosk and will be sent again automatically.</source>
        <translation>We couldn&apos;t confirm your order just now. It is saved on this kiosk and will be sent again automatically.</translation>
    </message>
    <message>
        <source>We can&apos;t reach our stock system right now. Please try again in a moment, or ask a member of staff for help.</source>
        <translation>We can&apos;t reach our stock system right now. Please try again in a moment, or ask a member of staff for help.</translation>
    </message>
    <message>
        <source>We can&apos;t reach our stock system right now. Your order is saved on this kiosk and will be sent as soon as the connection is back.</source>
        <translation>We can&apos;t reach our stock system right now. Your order is saved on this kiosk and will be sent as soon as the connection is back.</translation>
    </message>
    <message>
        <source>We couldn&apos;t find this item. Please try another one, or ask a member of staff for help.</source>
        <translation>We couldn&apos;t find this item. Please try another one, or ask a member of staff for help.</translation>
    </message>
    <message>
        <source>Sorry, this size has just sold out. Please choose another size, or ask a member of staff for help.</source>
        <translation>Sorry, this size has just sold out. Please choose another size, or ask a member of staff for help.</translation>
    </message>
    <message>
        <source>This kiosk is not set up correctly at the moment. Please ask a member of staff for help.</source>
        <translation>This kiosk is not set up correctly at the moment. Please ask a member of staff for help.</translation>
    </message>
    <message>
        <source>We couldn&apos;t accept this request. Please check the details, or ask a member of staff for help.</source>
        <translation>We couldn&apos;t accept this request. Please check the details, or ask a member of staff for help.</translation>
    </message>
    <message>
        <source>Our stock system gave an unexpected answer. Please try again in a moment, or ask a member of staff for help.</source>
        <translation>Our stock system gave an unexpected answer. Please try again in a moment, or ask a member of staff for help.</translation>
    </message>
    <message>
        <source>Our stock system is busy right now. Please try again in a moment, or ask a member of staff for help.</source>
        <translation>Our stock system is busy right now. Please try again in a moment, or ask a member of staff for help.</translation>
    </message>
    <message>
        <source>Something went wrong on our side. Please ask a staff member.</source>
        <translation>Something went wrong on our side. Please ask a staff member.</translation>
    </message>
</context>
<context>
    <name>NavBar</name>
    <message>
        <source>‹  Back</source>
        <translation>‹  Back</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
</context>
<context>
    <name>Notify</name>
    <message>
        <source>Please type your email address.</source>
        <translation>Please type your email address.</translation>
    </message>
    <message>
        <source>This email address does not look right. Please check it, e.g. name@example.com.</source>
        <translation>This email address does not look right. Please check it, e.g. name@example.com.</translation>
    </message>
</context>
<context>
    <name>NotifyScreen</name>
    <message>
        <source>{name} in EU {size} is sold out everywhere</source>
        <translation>{name} in EU {size} is sold out everywhere</translation>
    </message>
    <message>
        <source>Leave your email address and the store will write to you when this size is back. We use it for nothing else.</source>
        <translation>Leave your email address and the store will write to you when this size is back. We use it for nothing else.</translation>
    </message>
    <message>
        <source>Your email address</source>
        <translation>Your email address</translation>
    </message>
    <message>
        <source>Email me when it&apos;s back</source>
        <translation>Email me when it&apos;s back</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>Thank you — the store will email you when EU {size} is back. You can scan another shoe or start over.</source>
        <translation>Thank you — the store will email you when EU {size} is back. You can scan another shoe or start over.</translation>
    </message>
    <message>
        <source>Thank you — your request is saved on this kiosk and reaches the store as soon as the connection is back.</source>
        <translation>Thank you — your request is saved on this kiosk and reaches the store as soon as the connection is back.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Done, start over</source>
        <translation>Done, start over</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <source>reserved</source>
        <translation>reserved</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>paid</translation>
    </message>
    <message>
        <source>shipped</source>
        <translation>shipped</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>queued on the kiosk</source>
        <translation>queued on the kiosk</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>Scan the QR code on the shopper&apos;s phone to mark the order paid</source>
        <translation>Scan the QR code on the shopper&apos;s phone to mark the order paid</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Reason for cancelling</source>
        <translation>Reason for cancelling</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>Cancel order</translation>
    </message>
    <message>
        <source>Retry queued orders</source>
        <translation>Retry queued orders</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>This badge is not on this kiosk&apos;s staff list</source>
        <translation>This badge is not on this kiosk&apos;s staff list</translation>
    </message>
    <message>
        <source>Hello {name} — type your PIN</source>
        <translation>Hello {name} — type your PIN</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Wrong PIN — {count} more tries before entry locks</source>
        <translation>Wrong PIN — {count} more tries before entry locks</translation>
    </message>
    <message>
        <source>Wrong PIN — one more wrong PIN locks entry</source>
        <translation>Wrong PIN — one more wrong PIN locks entry</translation>
    </message>
    <message>
        <source>Staff sign-in</source>
        <translation>Staff sign-in</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Delete last digit</source>
        <translation>Delete last digit</translation>
    </message>
    <message>
        <source>Digits typed</source>
        <translation>Digits typed</translation>
    </message>
    <message>
        <source>Choose your name (or scan your badge), then type your PIN</source>
        <translation>Choose your name (or scan your badge), then type your PIN</translation>
    </message>
    <message>
        <source>Too many wrong PINs — locked for {time}</source>
        <translation>Too many wrong PINs — locked for {time}</translation>
    </message>
    <message>
        <source>You can try again now</source>
        <translation>You can try again now</translation>
    </message>
</context>
<context>
    <name>ProductScreen</name>
    <message>
        <source>No picture</source>
        <translation>No picture</translation>
    </message>
    <message>
        <source>Price {price}</source>
        <translation>Price {price}</translation>
    </message>
    <message>
        <source>Picture of {name}</source>
        <translation>Picture of {name}</translation>
    </message>
    <message>
        <source>Choose your size</source>
        <translation>Choose your size</translation>
    </message>
    <message>
        <source>Green: in this store · Blue: from the warehouse to your home · Orange: another store · Grey: sold out</source>
        <translation>Green: in this store · Blue: from the warehouse to your home · Orange: another store · Grey: sold out</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Picture</translation>
    </message>
</context>
<context>
    <name>QuitConfirm</name>
    <message>
        <source>Quit the kiosk? It stays off, and shoppers cannot use it, until it is started again (restart the machine, or: systemctl start endless-aisle-kiosk).</source>
        <translation>Quit the kiosk? It stays off, and shoppers cannot use it, until it is started again (restart the machine, or: systemctl start endless-aisle-kiosk).</translation>
    </message>
    <message>
        <source>Quit now</source>
        <translation>Quit now</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReceivingView</name>
    <message>
        <source>Receiving: each scan adds one pair</source>
        <translation>Receiving: each scan adds one pair</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>Receiving</translation>
    </message>
    <message>
        <source>Counting</source>
        <translation>Counting</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>Pairs</translation>
    </message>
    <message>
        <source>Undo last scan</source>
        <translation>Undo last scan</translation>
    </message>
    <message>
        <source>Save count</source>
        <translation>Save count</translation>
    </message>
    <message>
        <source>Scan a box to add it to this store&apos;s stock</source>
        <translation>Scan a box to add it to this store&apos;s stock</translation>
    </message>
    <message>
        <source>Counting: scan a size, then type how many there are</source>
        <translation>Counting: scan a size, then type how many there are</translation>
    </message>
    <message>
        <source>{count} pairs received</source>
        <translation>{count} pairs received</translation>
    </message>
    <message>
        <source>How many {what}?</source>
        <translation>How many {what}?</translation>
    </message>
    <message>
        <source>Scan a size to count it</source>
        <translation>Scan a size to count it</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Check your order</source>
        <translation>Check your order</translation>
    </message>
    <message>
        <source>{name} · {brand} · EU {size}</source>
        <translation>{name} · {brand} · EU {size}</translation>
    </message>
    <message>
        <source>Delivered to your home by {date}.</source>
        <translation>Delivered to your home by {date}.</translation>
    </message>
    <message>
        <source>Price {price}</source>
        <translation>Price {price}</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>Send to</translation>
    </message>
    <message>
        <source>You pay at the counter. The pair is reserved for you until staff mark it paid.</source>
        <translation>You pay at the counter. The pair is reserved for you until staff mark it paid.</translation>
    </message>
    <message>
        <source>Placing your order…</source>
        <translation>Placing your order…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Place order</source>
        <translation>Place order</translation>
    </message>
    <message>
        <source>Change address</source>
        <translation>Change address</translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <source>Hold the barcode on the shoe&apos;s tag up to the camera.</source>
        <translation>Hold the barcode on the shoe&apos;s tag up to the camera.</translation>
    </message>
    <message>
        <source>Every size at a glance: here, at the warehouse, or nearby.</source>
        <translation>Every size at a glance: here, at the warehouse, or nearby.</translation>
    </message>
    <message>
        <source>Your size is here? We bring it to you.</source>
        <translation>Your size is here? We bring it to you.</translation>
    </message>
    <message>
        <source>Not here? Order it to your home in a minute.</source>
        <translation>Not here? Order it to your home in a minute.</translation>
    </message>
    <message>
        <source>Scan a shoe to see every size</source>
        <translation>Scan a shoe to see every size</translation>
    </message>
    <message>
        <source>Hold the barcode up to the camera, or type the number under it.</source>
        <translation>Hold the barcode up to the camera, or type the number under it.</translation>
    </message>
    <message>
        <source>Type the code</source>
        <translation>Type the code</translation>
    </message>
    <message>
        <source>Type the barcode number</source>
        <translation>Type the barcode number</translation>
    </message>
    <message>
        <source>A USB barcode scanner works too.</source>
        <translation>A USB barcode scanner works too.</translation>
    </message>
    <message>
        <source>Staff: 1 order needs attention — see admin</source>
        <translation>Staff: 1 order needs attention — see admin</translation>
    </message>
    <message>
        <source>Staff: {count} orders need attention — see admin</source>
        <translation>Staff: {count} orders need attention — see admin</translation>
    </message>
    <message>
        <source>Number keypad</source>
        <translation>Number keypad</translation>
    </message>
</context>
<context>
    <name>SectionBar</name>
    <message>
        <source>Receiving</source>
        <translation>Receiving</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Fetch requests</source>
        <translation>Fetch requests</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>Lost demand</source>
        <translation>Lost demand</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Health</translation>
    </message>
</context>
<context>
    <name>SizeGrid</name>
    <message>
        <source>Size EU {eu}, UK {uk}, US {us}</source>
        <translation>Size EU {eu}, UK {uk}, US {us}</translation>
    </message>
    <message>
        <source>the size you scanned</source>
        <translation>the size you scanned</translation>
    </message>
    <message>
        <source>In this store ({count})</source>
        <translation>In this store ({count})</translation>
    </message>
    <message>
        <source>Warehouse — ship to home</source>
        <translation>Warehouse — ship to home</translation>
    </message>
    <message>
        <source>At {store}</source>
        <translation>At {store}</translation>
    </message>
    <message>
        <source>At {store} {distance}</source>
        <translation>At {store} {distance}</translation>
    </message>
    <message>
        <source>Sold out</source>
        <translation>Sold out</translation>
    </message>
    <message>
        <source>Not in this store</source>
        <translation>Not in this store</translation>
    </message>
    <message>
        <source>+ {count} at the warehouse</source>
        <translation>+ {count} at the warehouse</translation>
    </message>
    <message>
        <source>{count} at the warehouse</source>
        <translation>{count} at the warehouse</translation>
    </message>
    <message>
        <source>+ 1 more store</source>
        <translation>+ 1 more store</translation>
    </message>
    <message>
        <source>+ {count} more stores</source>
        <translation>+ {count} more stores</translation>
    </message>
    <message>
        <source>Ask a staff member</source>
        <translation>Ask a staff member</translation>
    </message>
    <message>
        <source>Showing saved stock information; it may have changed since.</source>
        <translation>Showing saved stock information; it may have changed since.</translation>
    </message>
    <message>
        <source>Stock of the warehouse and other stores is unavailable right now.</source>
        <translation>Stock of the warehouse and other stores is unavailable right now.</translation>
    </message>
    <message>
        <source>Warehouse stock unavailable right now; showing this store.</source>
        <translation>Warehouse stock unavailable right now; showing this store.</translation>
    </message>
    <message>
        <source>Store stock unavailable right now; showing the warehouse.</source>
        <translation>Store stock unavailable right now; showing the warehouse.</translation>
    </message>
    <message>
        <source>Tap: email me when it&apos;s back</source>
        <translation>Tap: email me when it&apos;s back</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>Scanned</translation>
    </message>
    <message>
        <source>Sizes</source>
        <translation>Sizes</translation>
    </message>
    <message>
        <source>the size other shoppers suggest</source>
        <translation>the size other shoppers suggest</translation>
    </message>
    <message>
        <source>★ Shoppers suggest this size</source>
        <translation>★ Shoppers suggest this size</translation>
    </message>
</context>
<context>
    <name>StillThere</name>
    <message>
        <source>Still there?</source>
        <translation>Still there?</translation>
    </message>
    <message>
        <source>To keep your details private we will start over in {seconds} s.</source>
        <translation>To keep your details private we will start over in {seconds} s.</translation>
    </message>
    <message>
        <source>I&apos;m still here</source>
        <translation>I&apos;m still here</translation>
    </message>
</context>
<context>
    <name>StockView</name>
    <message>
        <source>Name, brand, GTIN or style</source>
        <translation>Name, brand, GTIN or style</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <source>This store</source>
        <translation>This store</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>{count} styles found</source>
        <translation>{count} styles found</translation>
    </message>
</context>
<context>
    <name>StoresScreen</name>
    <message>
        <source>1 pair</source>
        <translation>1 pair</translation>
    </message>
    <message>
        <source>{count} pairs</source>
        <translation>{count} pairs</translation>
    </message>
    <message>
        <source>EU {size} is at these stores</source>
        <translation>EU {size} is at these stores</translation>
    </message>
    <message>
        <source>Not in this store right now. Ask a staff member to reserve it there for you.</source>
        <translation>Not in this store right now. Ask a staff member to reserve it there for you.</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <source>⇧ Shift</source>
        <translation>⇧ Shift</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>At sign</source>
        <translation>At sign</translation>
    </message>
    <message>
        <source>Hyphen</source>
        <translation>Hyphen</translation>
    </message>
    <message>
        <source>space</source>
        <translation>space</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Space</translation>
    </message>
    <message>
        <source>Full stop</source>
        <translation>Full stop</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>Next ›</translation>
    </message>
    <message>
        <source>Next field</source>
        <translation>Next field</translation>
    </message>
</context>
<context>
    <name>UnknownCodeScreen</name>
    <message>
        <source>We don&apos;t know this code</source>
        <translation>We don&apos;t know this code</translation>
    </message>
    <message>
        <source>We read: {code}</source>
        <translation>We read: {code}</translation>
    </message>
    <message>
        <source>The code we read</source>
        <translation>The code we read</translation>
    </message>
    <message>
        <source>Please type the number printed under the barcode, or scan another shoe.</source>
        <translation>Please type the number printed under the barcode, or scan another shoe.</translation>
    </message>
    <message>
        <source>Still stuck? Ask a staff member — they are happy to help.</source>
        <translation>Still stuck? Ask a staff member — they are happy to help.</translation>
    </message>
    <message>
        <source>Number keypad</source>
        <translation>Number keypad</translation>
    </message>
</context>
<context>
    <name>VoiceView</name>
    <message>
        <source>Too few votes</source>
        <translation>Too few votes</translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation>Mixed</translation>
    </message>
    <message>
        <source>Runs small: one size up</source>
        <translation>Runs small: one size up</translation>
    </message>
    <message>
        <source>True to size</source>
        <translation>True to size</translation>
    </message>
    <message>
        <source>Runs large: one size down</source>
        <translation>Runs large: one size down</translation>
    </message>
    <message>
        <source>size</source>
        <translation>size</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>colour</translation>
    </message>
    <message>
        <source>price</source>
        <translation>price</translation>
    </message>
    <message>
        <source>just looking</source>
        <translation>just looking</translation>
    </message>
    <message>
        <source>No scans answered at the kiosk yet.</source>
        <translation>No scans answered at the kiosk yet.</translation>
    </message>
    <message>
        <source>{count} scans answered at the kiosk, median {seconds} s — about {minutes} minutes of staff time saved ({check}-minute stock check).</source>
        <translation>{count} scans answered at the kiosk, median {seconds} s — about {minutes} minutes of staff time saved ({check}-minute stock check).</translation>
    </message>
    <message>
        <source>Today: {text}</source>
        <translation>Today: {text}</translation>
    </message>
    <message>
        <source>{small} small · {true} true · {large} large</source>
        <translation>{small} small · {true} true · {large} large</translation>
    </message>
    <message>
        <source>{count} days</source>
        <translation>{count} days</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Style</translation>
    </message>
    <message>
        <source>Fit votes</source>
        <translation>Fit votes</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Sizes asked for</source>
        <translation>Sizes asked for</translation>
    </message>
    <message>
        <source>Why they left</source>
        <translation>Why they left</translation>
    </message>
    <message>
        <source>Lost demand</source>
        <translation>Lost demand</translation>
    </message>
    <message>
        <source>Customer voice</source>
        <translation>Customer voice</translation>
    </message>
</context>
<context>
    <name>WantedSize</name>
    <message>
        <source>Thank you: the store will know EU {size} was asked for.</source>
        <translation>Thank you: the store will know EU {size} was asked for.</translation>
    </message>
    <message>
        <source>Your size isn&apos;t made in this style? Tell us:</source>
        <translation>Your size isn&apos;t made in this style? Tell us:</translation>
    </message>
</context>
<context>
    <name>WhyLeaving</name>
    <message>
        <source>Before you go: why no pair today?</source>
        <translation>Before you go: why no pair today?</translation>
    </message>
    <message>
        <source>My size isn&apos;t available</source>
        <translation>My size isn&apos;t available</translation>
    </message>
    <message>
        <source>The colour</source>
        <translation>The colour</translation>
    </message>
    <message>
        <source>The price</source>
        <translation>The price</translation>
    </message>
    <message>
        <source>Just looking</source>
        <translation>Just looking</translation>
    </message>
    <message>
        <source>Skip and start over</source>
        <translation>Skip and start over</translation>
    </message>
</context>
<context>
    <name>PhoneHandoff</name>
    <message>
        <source>Continue on your phone</source>
        <translation>Continue on your phone</translation>
    </message>
    <message>
        <source>QR code to continue on your phone</source>
        <translation>QR code to continue on your phone</translation>
    </message>
    <message>
        <source>Getting your code…</source>
        <translation>Getting your code…</translation>
    </message>
    <message>
        <source>Scan with your phone&apos;s camera and order there: your address stays on your phone.</source>
        <translation>Scan with your phone&apos;s camera and order there: your address stays on your phone.</translation>
    </message>
    <message>
        <source>Not available right now: please carry on here.</source>
        <translation>Not available right now: please carry on here.</translation>
    </message>
    <message>
        <source>Continued on your phone</source>
        <translation>Continued on your phone</translation>
    </message>
</context>
</TS>
