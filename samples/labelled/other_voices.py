# Writes other-voices.jsonl: a second labelled set, written in other voices than messages.jsonl (terse texts, long
# corporate mail, non-native English, slang, politeness that hides the point), by a writer who did not look at Porter's
# phrase lists while writing. It is never used to tune rules or models: it measures how well they generalise
# (docs/signals.md). Labels follow the same definitions as messages.jsonl. Written 2026-12-02.
import json
L = []
def m(body, *labels, subject="", channel="email", frm="jordan@northwind.example"):
    L.append({"id": len(L) + 1, "channel": channel, "from": frm, "subject": subject, "body": body, "labels": sorted(labels)})

U, PI, PS, OS, PC, F = "urgent_matter", "personal_info_request", "personal_social_contact", "out_of_scope", "plan_change", "fyi"
LENA = "lena@fabrikam.example"

# --- Emergencies, in ordinary words ---
m("nobody can buy anything on the shop rn, cart just spins forever", U, channel="sms")
m("Hi, sorry to bother you so late. The page where people pay shows an error since about an hour. We are losing orders.", U, channel="sms", frm=LENA)
m("site is completely blank. white screen. customers calling us", U, channel="sms")
m("Somebody got into our Facebook page and is posting weird links, we can't log in anymore", U, channel="sms")
m("The email campaign went out with the wrong price on the banner - 10 EUR instead of 100. Thousands of people got it.", U, channel="sms", frm=LENA)
m("Printer needs the final files in 2 hours or we miss the slot for the fair, files we have are corrupt", U, channel="sms", frm=LENA)
m("our domain expired?? going to the website shows a parking page", U, channel="sms")
m("Card payments declined for everyone since this morning, only cash works in the store", U, channel="sms")
m("Hello, the logo on the packaging at the factory is printed upside down, they are running 20000 boxes today and need an answer now", U, channel="sms")
m("cant access the admin anymore, password doesnt work and recovery mail goes to an old address", U, channel="sms")
m("The app store rejected the app because of the icon and launch is tomorrow morning", U, channel="sms")
m("Big problem: the live stream page is showing someone else's video", U, channel="sms", frm=LENA)

# --- Asking for personal information ---
m("Quick one - what's your home address? Want to send you a little something for Christmas", PI)
m("Are you married btw? You never mention anyone", PI)
m("My colleague asked which part of town you live in, maybe you're neighbours", PI, frm=LENA)
m("Could you tell me your date of birth, our HR system wants it for the supplier file", PI)
m("Do you have kids? Always wondered how freelancers manage", PI)
m("What's your personal mobile, not the business one? Easier for weekends", PI)
m("Which gym do you go to? You look like you work out", PI)
m("Is your partner also self-employed? Just curious how that works with taxes", PI)

# --- Personal social-media contact ---
m("Sent you a friend request on Facebook, accept it :)", PS)
m("Found your private insta, love the holiday pics!", PS)
m("Can I add you on Snapchat? Easier to send quick stuff", PS)
m("I followed your personal TikTok, hope that's ok haha", PS, frm=LENA)
m("Let's connect on WhatsApp personally, I'll message you there on weekends", PS)
m("Saw you on Strava, nice run on Sunday! Followed you", PS)

# --- Out of scope (asks for a service they did not hire) ---
m("While you're at it, could you build us a small landing page for the new coffee?", OS)
m("Can you write the text for the back of the bag too? Like 150 words about the farm", OS)
m("We'd need someone to run our Instagram for a month, would you do it?", OS)
m("Could you take some product photos when you're in the shop next week?", OS)
m("Können Sie auch den Satz für das ganze Buch machen? Also das Layout der Innenseiten", OS, frm=LENA)
m("Would you be able to handle the print run with the printer directly and get quotes?", OS, frm=LENA)
m("Can you set up Google ads for the launch? Budget is small", OS)
m("We need a pitch deck for investors by March, can you do it?", OS)
m("Could you film a short video of the packaging for our socials?", OS)
m("can u fix the SEO of our site, we're on page 5 of google", OS)

# --- Changes to the agreed plan ---
m("Board decided to go with green instead of blue for the whole brand, sorry!", PC)
m("We need the packaging a week earlier than agreed, the fair moved", PC)
m("Let's skip the second round of concepts and go straight to final", PC)
m("Budget got cut, can we drop the brand guidelines for now?", PC)
m("The launch is pushed to April, so no rush on the logo files", PC)
m("We'd like to add a third packaging size to the project", PC)
m("Die Buchreihe wird auf vier Bände erweitert, wir brauchen also vier Cover statt drei", PC, frm=LENA)
m("Our new marketing head wants to be in all the reviews from now on, so feedback will come from her instead of me", PC)
m("Can we move Monday's call to Wednesday from now on?", PC)
m("Change of plan: the logo needs to work in black and white only, for the engraving", PC)

# --- FYI: news, nothing asked ---
m("The bags arrived from the printer today and they look amazing. Just wanted you to know!", F)
m("FYI our office is closed between Christmas and New Year", F)
m("We won the regional design award with the packaging you did! The jury loved it.", F)
m("Heads up, Priya is on maternity leave from next month, Jordan takes over", F)
m("Die erste Auflage ist ausverkauft, nur zur Info", F, frm=LENA)
m("Our new website went live this morning, the logo looks great on it", F)
m("Just sharing: a customer posted a photo of our bag on reddit and it got 5k upvotes", F)
m("No action needed - we paid the invoice today", F)
m("Good news, the investors signed. Thanks for making us look good", F)
m("The shop refit is done, sending a photo of the sign with your logo", F)

# --- Ordinary requests: none of the above ---
m("Could you send the final logo files as SVG and PNG?")
m("When you have a moment, can you check the colour values on page 3 of the guidelines?")
m("Can we get the invoice split in two, one for each company?")
m("hey, which font did we use for the subtitle again?")
m("Would Thursday at 10 work for the review call?")
m("Könnten Sie mir die Skizzen für das zweite Cover schicken?", frm=LENA)
m("Please send the packaging dielines to the factory contact, cc me")
m("is the 2nd concept still available to tweak or did we drop it?")
m("Could you make the logo a bit bigger on the small bag?")
m("Thanks for the call today. Can you send a short summary of what we agreed?")

if __name__ == "__main__":
    import os
    with open(os.path.join(os.path.dirname(__file__), "other-voices.jsonl"), "w", encoding="utf-8") as f:
        for row in L:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(L), "messages")
