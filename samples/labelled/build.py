# Writes messages.jsonl: realistic client messages to a freelance designer, each labelled by hand with the signals a
# careful reader would flag. Used by `porter signals eval` (docs/signals.md). Labels were written before the rules
# were measured against them; messages the rules miss stay in the set.
import json
L = []
def m(body, *labels, subject="", channel="email", frm="jordan@northwind.example"):
    L.append({"id": len(L) + 1, "channel": channel, "from": frm, "subject": subject, "body": body, "labels": sorted(labels)})

U, PI, PS, OS, PC, F = "urgent_matter", "personal_info_request", "personal_social_contact", "out_of_scope", "plan_change", "fyi"

# --- Urgent matters (real emergencies) ---
m("Our website is down, customers are seeing a blank page!", U, channel="sms")
m("Checkout is broken - nobody can pay on the shop right now", U, channel="sms")
m("We've been hacked. Someone posted spam from our Instagram account.", U, channel="sms")
m("Payments are failing on every order since 8pm, please help", U, channel="sms")
m("The site's down again, 502 on every page", U, channel="sms")
m("Emergency: the launch goes live in an hour and the logo file on the homepage is the old one", U, channel="sms")
m("Our shop is offline, the host says the DNS changed?", U, channel="sms")
m("Account compromised - we got a password reset we didn't ask for and now we're locked out of the brand account", U, channel="sms")
m("The press release goes out today at 6 and the PDF link is broken", U, channel="sms")
m("Server down. Orders not loading. Call me.", U, channel="sms")
m("Our store is down and it's Black Friday", U, channel="sms")
m("Card payments aren't going through at the cafe tablets", U, channel="sms")
m("Data breach notice from our provider, need the incident banner on the site now", U, channel="sms")
m("I'm stranded at the airport without the print files for the trade show tomorrow morning", U, channel="sms")
m("Website crashed after the update, it's just an error page", U, channel="sms")
# Not urgent, despite the tone
m("URGENT!!! Why is the green still wrong on the cups??", subject="URGENT", channel="sms")
m("Need this ASAP please: the bag mockup with the new colour", channel="sms")
m("Please call me back when you can, it's about next week", channel="sms")
m("This is really important to us: can we get the guidelines sooner?", channel="sms")
m("Hello?? Still waiting on the files", channel="sms")
m("Any update on the logo? It's been two days", channel="sms")
m("Can you look at this tonight? The board wants to see it tomorrow", channel="sms")
m("Super urgent: I need the PNG version for a slide", channel="sms")

# --- Personal information requests ---
m("We'd love to send you a gift for the holidays - what's your home address?", PI)
m("Where do you live these days? Maybe we could meet for coffee", PI)
m("Could you give me your personal number so I can text you on weekends?", PI)
m("Are you married? Just curious, you mentioned a trip", PI)
m("How old are your kids now? Mine just started school", PI)
m("What's your husband's name again? I want to include him in the invite", PI)
m("Do you live near Shoreditch? Which neighbourhood are you in?", PI)
m("Send me your mobile number, email is too slow", PI)
m("By the way, what's your date of birth? HR wants it for the contractor list", PI)
m("Is that your flat in the background of the video call? Where is it?", PI)
m("Can I have your WhatsApp? It's easier for quick stuff", PI)
m("Tell me about your family! Do you have children?", PI)
m("What's your private address for the NDA? The company address won't do", PI)
m("Your partner seems lovely - what do they do?", PI)
m("Could you share your home phone in case email is down?", PI)
# Not personal info
m("What's your company address for the invoice?")
m("Can you send your VAT number and bank details for the payment?")
m("Which address should the printer deliver the proofs to, your studio?")
m("Our family business turns 50 next year - could the logo nod to that?")
m("My kids loved the mascot sketch!", F)

# --- Personal social-media contact ---
m("I sent you a friend request on Facebook :)", PS)
m("Just followed you on Instagram - love your personal posts!", PS)
m("Accept my request on Facebook? I'd love to stay in touch outside work", PS)
m("Is this your personal Instagram? @samrivera_life - followed!", PS)
m("Added you on Facebook, hope that's ok", PS)
m("What's your TikTok? I want to follow you", PS)
m("I DMed you on Instagram about the party", PS)
m("Add me on Snapchat: jordanlee99", PS)
m("Saw your holiday pics on your Facebook, looks amazing!", PS)
m("Can I follow you on Instagram? Your account is private", PS)
m("Connect with me on my personal Facebook so I can tag you", PS)
m("Loved your story on Insta yesterday", PS)
# Not personal social
m("Can you prepare three Instagram post templates for the launch?", OS)
m("Please follow the brand's LinkedIn page for the case study", )
m("Our Instagram grid needs the new logo in the profile picture size", )
m("We'll tag your studio account when we post the rebrand", F)

# --- Out of scope (Northwind hired: logo design, brand guidelines, packaging design; excluded: website, copywriting, social media management) ---
m("Could you also design the website homepage?", OS)
m("Can you write the copy for the back of the bag?", OS)
m("Would you manage our social media for the launch month?", OS)
m("Could you do some SEO on our site while you're in there?", OS)
m("Can you set up our Google Ads campaign?", OS)
m("We need someone to translate the packaging into Spanish - can you do it?", OS)
m("Could you photograph the new cups for the menu?", OS)
m("Can you build us a simple landing page for the pre-orders?", OS)
m("Would you be able to edit the launch video?", OS)
m("Can you write three blog posts about our roasting process?", OS)
m("Please design the newsletter template too", OS)
m("Can you handle the printing with the supplier?", OS)
m("Could you put together a pitch deck for our investors?", OS)
m("Can you do our bookkeeping this month, we're swamped", OS)
m("Could you come up with the product names and the taglines?", OS)
m("We'd love a short animation of the logo for Instagram stories - possible?", OS)
# In scope
m("Can you tweak the logo so the bean is more visible?")
m("Could you add a section on colour to the brand guidelines?")
m("Please send the packaging dielines with bleed")
m("Can we see the logo on the coffee bag mockup?")
m("Could you export the logo in SVG and PNG?")
m("Can you adjust the spacing in the wordmark?")
m("Would the guidelines cover the cafe signage?")
m("Please make the packaging label a bit larger")

# --- Plan changes ---
m("Change of plan: we've decided to push the launch to February", PC)
m("We're postponing the brand reveal until after the holidays", PC)
m("The board wants the guidelines by Dec 10 instead of January - can we bring it forward?", PC)
m("We've decided to drop the tea range, so only coffee packaging now", PC)
m("Heads up, we moved the launch to March 3", PC, F)
m("Our deadline changed: the printer needs files by Friday", PC)
m("We're switching printers, so the dielines will change", PC)
m("Scrap the kraft paper idea, we're going with white bags", PC)
m("I've updated the brief in the shared folder - new colours", PC)
m("Let's cancel the cup sleeve design, budget cut", PC)
m("New direction from the CEO: more playful, less premium", PC)
m("We'd like to reschedule the milestone review to next Thursday", PC)
m("The launch date has changed to the 15th", PC)
m("We changed the name of the blend, it's now 'Harbour' not 'Dock'", PC)
m("Can we move the deadline for concepts to next week?", PC)
m("Instead of three concepts we'd like two, but more polished", PC)
m("We need to delay everything by two weeks, the funding round slipped", PC)
m("FYI we posted the old logo on our site ourselves while we wait", PC, F)
m("The printer pushed back delivery, so the packaging deadline moves to Jan 20", PC)
m("We've added a second cafe to the rollout, so more signage", PC)
# Not plan changes
m("Looking forward to the concepts next week as planned")
m("Just confirming we're still on for Monday's call")
m("The timeline looks good to us")
m("Can you send the revised files by Friday as agreed?")

# --- FYI / news ---
m("Thought you'd like to know we were featured in the Brooklyn Coffee Guide!", F)
m("FYI - our new cafe opens on Saturday. No need to reply.", F)
m("Just sharing: the team loved the concepts in today's meeting", F)
m("Good news, the investors signed! Nothing needed from you.", F)
m("Just so you know, I'm out of office next week", F)
m("Heads up: our office is closed on Thursday for Thanksgiving", F)
m("We hit 10k followers today :)", F)
m("Sharing this article about our roastery, thought you'd enjoy it", F)
m("Quick note: Priya is joining the project from our side", F)
m("The printer sent the test run, it looks great!", F)
m("No action needed - just forwarding the printer's quote for your records", F)
m("We won the local business award! Thanks for your part in it", F)
m("Just letting you know the payment went out today", F)
m("FYI the cups arrived and people love them", F)
# FYI-worded but asking
m("FYI the printer changed the paper - can you check the colours still work?", PC)
m("Just so you know, the board meets Friday. Could you send the deck by Thursday?", OS)
m("Heads up, Priya will send feedback - can you turn it around by Monday?")
m("Good news! They approved it. Can you send the final files?")
m("Just sharing the competitor's logo. What do you think?")
m("Thought you'd like to see this - could we do something similar?")

# --- Ordinary requests and chat (no signals) ---
ordinary = [
 "Could you send the final logo files?", "Can we have a call on Tuesday at 3pm?", "Thanks for the concepts! We prefer option B.",
 "Please find attached our feedback on round one.", "When can we expect the next draft?", "Could you resend the PDF, the link expired?",
 "Can you make the bean icon slightly rounder?", "Great work on the guidelines draft!", "Can we see the logo in black and white too?",
 "Do you need anything from us for the packaging?", "Please invoice us for the first milestone.", "Could you join our Monday check-in?",
 "Would it be possible to see one more variation?", "Is the font licence included?", "Can you share the source files?",
 "We approve concept B, let's go ahead.", "Here's the feedback from the team, consolidated.", "Thanks, received!",
 "Could you clarify point 3 in your notes?", "Can you send the invoice to accounts@northwind.example?", "Let me know when the next round is ready.",
 "The colours look slightly different on my phone, is that expected?", "Please use the Pantone codes from the guidelines.", "Could you prepare the files for the printer?",
 "Thank you, the mockups look fantastic.", "What format does the printer need?", "Can we add a QR code to the bag?",
 "We'd like a version of the logo without the tagline.", "Can you check the bleed on page 2?", "Sounds good, thanks Sam.",
]
for body in ordinary:
    m(body)
# Other clients and channels (plain)
for body in ["Could you share the first cover sketches by Friday?", "Danke! Sieht super aus.", "Can we see option 2 with a darker blue?", "The author loves the illustration.", "Please send the print-ready PDF."]:
    m(body, frm="lena@fabrikam.example")
# Chat is Northwind's FYI channel: news on it with nothing asked is FYI by the agreement.
for body in ["Running 10 min late for our call", "On my way!", "Got the files, thanks"]:
    m(body, F, channel="chat")
m("Call at 3 still ok?", channel="chat")

# --- More of each, written in other voices ---
m("Hi Sam, the online shop has been down for an hour and we're losing sales", U, channel="sms", frm="priya@northwind.example")
m("Someone logged into our admin panel from Russia, we think we were hacked", U, channel="sms", frm="priya@northwind.example")
m("Our booking site is not loading at all, customers are calling us", U, channel="sms", frm="priya@northwind.example")
m("All card payments failing at checkout, Stripe shows errors", U, channel="sms", frm="priya@northwind.example")
m("Legal deadline today: the trademark filing needs the final logo by 5pm", U, channel="sms", frm="priya@northwind.example")
m("Hey! Where abouts do you live? We're thinking of moving to London", PI, frm="priya@northwind.example")
m("Is it ok if I ask how old you are? You seem so young to run a studio", PI, frm="priya@northwind.example")
m("Do you have a boyfriend? Sorry, nosy question", PI, frm="priya@northwind.example")
m("I'd like to drop off a bottle of wine at your house, what's the address?", PI, frm="priya@northwind.example")
m("What's your cell? The office line never picks up", PI, frm="priya@northwind.example")
m("I found your personal Facebook, sent you a request!", PS, frm="priya@northwind.example")
m("Following you on Insta now, your dog is adorable", PS, frm="priya@northwind.example")
m("Let's be friends on Facebook :) I just added you", PS, frm="priya@northwind.example")
m("Is that you on TikTok dancing? Followed!", PS, frm="priya@northwind.example")
m("Could you run our Facebook ads for the opening weekend?", OS, frm="priya@northwind.example")
m("Can you write the text for our menu boards?", OS, frm="priya@northwind.example")
m("Would you design our mobile app icon and the app screens?", OS, frm="priya@northwind.example")
m("Could you take care of the customer support inbox while I'm away?", OS, frm="priya@northwind.example")
m("Can you do the market research on competitors' packaging prices?", OS, frm="priya@northwind.example")
m("Can you also handle the hosting for our site?", OS, frm="priya@northwind.example")
m("We've decided to go with a different printer, so new specs are coming", PC, frm="priya@northwind.example")
m("Our CEO changed his mind: no more tea line, coffee only", PC, frm="priya@northwind.example")
m("Please push back the guidelines milestone by a month", PC, frm="priya@northwind.example")
m("The launch is now on Feb 12th, not Jan 30th", PC, frm="priya@northwind.example")
m("We updated the brand name on our website ourselves last night", PC, frm="priya@northwind.example")
m("Just wanted to share the photos from the opening, everyone loved the cups!", F, frm="priya@northwind.example")
m("No need to respond - just letting you know Jordan is on holiday next week", F, frm="priya@northwind.example")
m("For your information, our accountant will email you about the invoice format", F, frm="priya@northwind.example")
m("We were featured on the local news tonight!", F, frm="priya@northwind.example")
m("Good news: the shop sold out of the new bags in a day", F, frm="priya@northwind.example")
m("Nothing needed from you, but the printer confirmed delivery for Tuesday", F, frm="priya@northwind.example")
for body in [
 "Could you send the latest version before our meeting?", "We love it! Can you finalise the colours?", "Can you explain the difference between concept A and B?",
 "What time works for you on Wednesday?", "Please resend the invoice with our PO number.", "Is the logo available in a horizontal version?",
 "Can you check the proof from the printer?", "Thank you so much for the quick turnaround!", "Could you make the tagline smaller?",
 "We'd like to see the guidelines draft when it's ready.", "Can the label work on a smaller tin?", "Do you prefer feedback in the PDF or by email?",
 "Could you confirm the dimensions of the bag?", "All good on our side, go ahead.", "Can you add the allergen icons to the label?",
]:
    m(body, frm="priya@northwind.example")

with open("messages.jsonl", "w") as f:
    for row in L:
        f.write(json.dumps(row, ensure_ascii=False) + "\n")
print(len(L), "messages")
