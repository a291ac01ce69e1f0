package com.fashionos.aitasks;

import com.fashionos.aitasks.TaskTemplate.Scope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The task templates of the built-in planner: what a fashion producer plans for each event type.
 * Universal templates come first, then the attendee-driven ones, then each event type's own.
 *
 * <p>Rules every template keeps (checked by the tests): a dependency is due no later than its
 * dependent ({@code leadDays} of the dependency is at least the dependent's), a dependency applies
 * to every event type its dependent applies to, and post_event templates, and only they, have a
 * negative lead.
 */
final class TaskLibrary {
  private static final String PRE = "pre_production";
  private static final String VENUE = "venue_logistics";
  private static final String CREATIVE = "creative_design";
  private static final String ON_SITE = "on_site_operations";
  private static final String POST = "post_event";

  private static final String PLANNING = "event_planning";
  private static final String SPONSORSHIP = "sponsorship";
  private static final String MARKETING = "marketing";
  private static final String OPERATIONS = "operations";
  private static final String MEDIA = "media";

  private static final String CRITICAL = "critical";
  private static final String HIGH = "high";
  private static final String MEDIUM = "medium";
  private static final String LOW = "low";

  private static final String RUNWAY = "runway_show";
  private static final String ACTIVATION = "brand_activation";
  private static final String POP_UP = "pop_up";
  private static final String TRUNK = "trunk_show";
  private static final String FASHION_WEEK = "fashion_week";
  private static final String PANEL = "panel";
  private static final String LAUNCH = "launch_party";

  private static final String W = TaskTemplate.WHO;

  static final List<TaskTemplate> TEMPLATES = Stream.of(
      // ---- Every event: strategy, money and contracts ----
      task("event_brief", "Confirm event brief & objectives",
          "Agree goals, audience, success KPIs, budget ceiling and approval chain with the client; "
              + "everything else in the plan is sized from this brief.")
          .is(PRE, PLANNING, CRITICAL, 6).daysBefore(120),
      task("master_budget", "Build the master budget",
          "Line-by-line budget (venue, production, talent, marketing, contingency of 10-15%) with "
              + "client sign-off and a cost-tracking sheet.")
          .is(PRE, PLANNING, CRITICAL, 10).daysBefore(115).after("event_brief"),
      task("production_timeline", "Publish the master production timeline",
          "Milestones, decision dates and owners shared with the whole team and key vendors.")
          .is(PRE, PLANNING, HIGH, 6).daysBefore(112).after("event_brief"),
      task("core_team", "Assign core team roles",
          "Name the producer, production manager, talent, PR, sponsorship and guest-management leads; "
              + "agree who approves what.")
          .is(PRE, PLANNING, HIGH, 4).daysBefore(110).after("event_brief"),
      task("venue_shortlist", "Venue scouting & shortlist",
          "Scout venues against capacity, load-in access, power, ceiling height and brand fit; "
              + "shortlist three with holds and quotes.")
          .is(VENUE, OPERATIONS, CRITICAL, 12).daysBefore(105).after("event_brief", "master_budget"),
      task("sponsorship_deck", "Sponsorship deck & tier packages",
          "Audience profile, activation ideas, deliverables and pricing per tier, ready to send to "
              + "prospects.")
          .is(PRE, SPONSORSHIP, HIGH, 10).daysBefore(100).after("event_brief", "master_budget"),
      task("venue_contract", "Negotiate & sign the venue contract",
          "Dates including build and strike, access hours, included services, insurance and "
              + "cancellation terms; pay the deposit.")
          .is(VENUE, OPERATIONS, CRITICAL, 8).daysBefore(95).after("venue_shortlist"),
      task("sponsor_outreach", "Sponsor prospecting & outreach",
          "Target list of brands that fit the audience, first approaches and follow-ups, pipeline "
              + "tracked weekly.")
          .is(PRE, SPONSORSHIP, HIGH, 12).daysBefore(90).after("sponsorship_deck"),
      task("marketing_plan", "Marketing & communications plan",
          "Channels, key messages, announcement dates, paid and owned media and the PR approach.")
          .is(PRE, MARKETING, HIGH, 8).daysBefore(85).after("event_brief", "master_budget"),
      task("vendor_shortlist", "Vendor shortlist & quotes",
          "Production, AV, catering, security, furniture hire and cleaning: at least two quotes "
              + "each, checked against the venue's approved-supplier rules.")
          .is(PRE, OPERATIONS, HIGH, 10).daysBefore(85).after("master_budget", "venue_contract"),
      task("designer_agreements", "Designer participation agreements",
          "Participation terms, fees, sample and image rights, insurance of garments and "
              + "deliverable dates signed with every designer.")
          .is(PRE, PLANNING, CRITICAL, 6).daysBefore(80).after("master_budget")
          .when(size -> size.designers() > 0),
      task("visual_identity", "Event visual identity & key art",
          "Logo lock-up, typography, colour and key visual used on invitations, signage, screens "
              + "and social.")
          .is(CREATIVE, MARKETING, HIGH, 16).daysBefore(80).after("event_brief"),
      task("technical_site_visit", "Technical site visit with the production team",
          "Walk the venue with production, lighting, sound and security leads: measurements, "
              + "rigging points, power, access routes and restrictions.")
          .is(VENUE, OPERATIONS, HIGH, 6).daysBefore(75).after("venue_contract"),
      task("vendor_contracts", "Vendor contracts & deposits",
          "Sign production, AV, catering and security contracts with scopes, timings, "
              + "insurance certificates and payment schedules.")
          .is(PRE, OPERATIONS, HIGH, 8).daysBefore(70).after("vendor_shortlist"),
      task("sponsor_contracts", "Sponsor contracts & invoicing",
          "Contract every confirmed sponsor with its deliverables, exclusivity, brand-use rules and "
              + "payment dates; raise the invoices.")
          .is(PRE, SPONSORSHIP, CRITICAL, 8).daysBefore(65).after("sponsor_outreach")
          .when(size -> size.sponsors() > 0),
      task("event_insurance", "Event liability & equipment insurance",
          "Public liability, equipment and cancellation cover; collect vendors' certificates as "
              + "the venue requires.")
          .is(PRE, OPERATIONS, CRITICAL, 4).daysBefore(60).after("venue_contract"),
      task("permits_licences", "Permits & licences",
          "Temporary event notice, occupancy, noise, alcohol and filming permits as the venue and "
              + "city require.")
          .is(PRE, OPERATIONS, CRITICAL, 8).daysBefore(56).after("venue_contract"),
      task("guest_list", "Guest list build",
          "Press, buyers, VIPs, talent, partners and client guests, tiered for seating and access.")
          .is(PRE, MARKETING, CRITICAL, 12).daysBefore(55).after("marketing_plan").crowdScaled(),
      task("invitation_design", "Invitation design & copy",
          "Digital (and where fitting printed) invitations in the event identity, with RSVP "
              + "instructions and dress code.")
          .is(CREATIVE, MARKETING, HIGH, 8).daysBefore(50).after("visual_identity"),
      task("floor_plan", "Floor plan & capacity layout",
          "Scaled plan of stage, seating, bars, backstage, press, sponsor areas, exits and "
              + "accessible routes, approved by the venue.")
          .is(VENUE, PLANNING, CRITICAL, 10).daysBefore(45).after("technical_site_visit"),
      task("photo_video_booking", "Book photographer & videographer",
          "Event and backstage photographers and a video crew, with usage rights and delivery "
              + "times agreed.")
          .is(PRE, MEDIA, HIGH, 4).daysBefore(45).after("master_budget"),
      task("event_page", "Event page & RSVP set-up",
          "Landing page, RSVP or ticketing form, confirmation e-mails and a guest database that "
              + "feeds the door list.")
          .is(PRE, MARKETING, MEDIUM, 6).daysBefore(45).after("visual_identity"),
      task("media_list", "Media list & press invitations",
          "Fashion editors, writers, photographers and broadcast contacts invited with the "
              + "accreditation request form.")
          .is(PRE, MEDIA, HIGH, 6).daysBefore(40).after("marketing_plan"),
      task("sponsor_brand_assets", "Collect sponsor logos & brand guidelines",
          "Vector logos, colour rules and approval contacts for every sponsor placement.")
          .is(CREATIVE, SPONSORSHIP, HIGH, 4).daysBefore(40).after("sponsor_contracts")
          .when(size -> size.sponsors() > 0),
      task("social_calendar", "Social media content calendar",
          "Teasers, announcement, countdown, live and recap posts per channel, with owners and "
              + "approval dates.")
          .is(CREATIVE, MARKETING, MEDIUM, 8).daysBefore(40).after("visual_identity", "marketing_plan"),
      task("send_invitations", "Send invitations & manage RSVPs",
          "Send in tiers, chase non-responders, keep the waitlist and plus-ones under control.")
          .is(PRE, MARKETING, HIGH, 10).daysBefore(35)
          .after("invitation_design", "guest_list", "event_page").crowdScaled(),
      task("sponsor_activation", "Sponsor activation plan: " + W,
          "Activation concept, space, staffing, product and brand placements for " + W
              + ", approved by the sponsor.")
          .is(CREATIVE, SPONSORSHIP, HIGH, 6).daysBefore(35).after("sponsor_contracts", "floor_plan")
          .per(Scope.PER_SPONSOR),
      task("risk_assessment", "Risk assessment & emergency plan",
          "Hazards, crowd flow, evacuation routes, incident response and contacts, shared with the "
              + "venue and security.")
          .is(PRE, OPERATIONS, CRITICAL, 8).daysBefore(30).after("venue_contract", "floor_plan"),
      task("lighting_sound_design", "Lighting & sound design",
          "Lighting plot, cue list, sound system and playback spec with the AV vendor.")
          .is(CREATIVE, OPERATIONS, HIGH, 12).daysBefore(30).after("floor_plan", "vendor_contracts"),
      task("press_release", "Press release & media kit",
          "Announcement release, fact sheet, biographies and approved imagery in a downloadable kit.")
          .is(CREATIVE, MEDIA, HIGH, 10).daysBefore(30).after("visual_identity"),
      task("influencer_invitations", "Creator & influencer invitations",
          "Invite a short list of creators who fit the brand, with content expectations and "
              + "plus-one rules.")
          .is(PRE, MARKETING, MEDIUM, 6).daysBefore(30).after("guest_list").except(ACTIVATION).optional(),
      task("sustainability_plan", "Sustainability & waste plan",
          "Reusable set pieces, recycling streams, food donation and a carbon estimate for the "
              + "report.")
          .is(PRE, OPERATIONS, LOW, 4).daysBefore(30).after("vendor_contracts").optional(),
      task("power_rigging", "Power & rigging plan",
          "Power distribution, generator if needed, rigging points and load calculations signed "
              + "off by the venue.")
          .is(VENUE, OPERATIONS, HIGH, 6).daysBefore(28).after("lighting_sound_design"),
      task("load_schedule", "Load-in & load-out schedule",
          "Vendor arrival slots, loading bay times, lift bookings and strike order agreed with the "
              + "venue.")
          .is(VENUE, OPERATIONS, CRITICAL, 6).daysBefore(21).after("venue_contract", "vendor_contracts"),
      task("catering_plan", "Catering & beverage plan",
          "Menus, dietary needs, service style, staffing ratios and crew meals.")
          .is(VENUE, OPERATIONS, MEDIUM, 6).daysBefore(21).after("vendor_contracts", "floor_plan")
          .crowdScaled(),
      task("accessibility_plan", "Accessibility plan",
          "Step-free routes, accessible seating, hearing support and a named contact for guests "
              + "with access needs.")
          .is(VENUE, OPERATIONS, MEDIUM, 4).daysBefore(21).after("floor_plan"),
      task("contingency_plan", "Weather & contingency plan",
          "Back-up options for weather, late talent, power loss and transport disruption, with who "
              + "decides.")
          .is(PRE, OPERATIONS, MEDIUM, 4).daysBefore(21).after("risk_assessment"),
      task("email_campaign", "E-mail campaign: announcement, reminder, last call",
          "Three sends to the guest database, timed with the social calendar.")
          .is(CREATIVE, MARKETING, MEDIUM, 6).daysBefore(21).after("event_page", "social_calendar")
          .optional(),
      task("security_plan", "Security plan & staffing",
          "Licensed guards, posts, accreditation checks, VIP and garment protection, briefed from "
              + "the risk assessment.")
          .is(VENUE, OPERATIONS, CRITICAL, 6).daysBefore(14).after("risk_assessment", "floor_plan")
          .crowdScaled(),
      task("first_aid", "First aid cover",
          "Qualified first aiders, kit and a first-aid point on the floor plan.")
          .is(VENUE, OPERATIONS, HIGH, 2).daysBefore(14).after("risk_assessment"),
      task("signage", "Signage & wayfinding",
          "Entrance, directional, sponsor and safety signage in the event identity, ordered and "
              + "proofed.")
          .is(CREATIVE, OPERATIONS, MEDIUM, 6).daysBefore(14).after("visual_identity", "floor_plan"),
      task("shot_list", "Shot list & content capture brief",
          "Must-have shots (looks, guests, sponsors, details), backstage access and same-day "
              + "selects for social.")
          .is(CREATIVE, MEDIA, MEDIUM, 4).daysBefore(14).after("photo_video_booking"),
      task("gifting", "Guest gifting",
          "Gift bag or gifting moment, sourced from sponsor and partner product where possible.")
          .is(CREATIVE, SPONSORSHIP, LOW, 8).daysBefore(14).after("guest_list", "sponsor_contracts").optional(),
      task("guest_transport", "Guest & talent transport",
          "Cars for VIPs and talent, parking and drop-off plan, shared with security.")
          .is(VENUE, OPERATIONS, LOW, 4).daysBefore(14).after("guest_list").optional(),
      task("press_accreditation", "Press & media accreditation",
          "Review requests, confirm outlets, issue credentials and brief photographers on access "
              + "rules.")
          .is(PRE, MEDIA, HIGH, 6).daysBefore(10).after("media_list"),
      task("staffing_rota", "Event staff & volunteer rota",
          "Hosts, runners, door and cloakroom staff with shifts, positions and uniforms.")
          .is(VENUE, OPERATIONS, HIGH, 6).daysBefore(10).after("floor_plan").crowdScaled(),
      task("press_area", "Press area & step-and-repeat",
          "Photo wall with sponsor logos, press check-in and interview spot.")
          .is(VENUE, MEDIA, MEDIUM, 4).daysBefore(10).after("floor_plan", "press_accreditation"),
      task("seating_plan", "Seating plan",
          "Seat allocation by guest tier from confirmed RSVPs, with seat cards and a master chart "
              + "for the ushers.")
          .is(VENUE, PLANNING, HIGH, 8).daysBefore(7).after("floor_plan", "send_invitations").crowdScaled(),
      task("cloakroom", "Cloakroom & guest services",
          "Cloakroom staffing, tickets and a guest-services point for lost items and questions.")
          .is(VENUE, OPERATIONS, LOW, 3).daysBefore(7).after("floor_plan").optional(),
      task("registration_desk", "Check-in & registration desk",
          "Check-in tablets or printed lists, badge pick-up, queue lanes and a problem desk.")
          .is(VENUE, OPERATIONS, HIGH, 4).daysBefore(5).after("send_invitations", "staffing_rota")
          .crowdScaled(),
      task("run_of_show", "Run-of-show & cue sheet",
          "Minute-by-minute running order with lighting, sound and stage cues and who calls each.")
          .is(CREATIVE, PLANNING, CRITICAL, 6).daysBefore(4).after("production_timeline", "lighting_sound_design"),
      task("run_sheet_day", "Run sheet & call times: " + W,
          "Call times, running order and contact sheet for " + W + ", sent to crew and vendors.")
          .is(PRE, PLANNING, HIGH, 3).daysBefore(3).after("run_of_show").before("crew_briefing")
          .per(Scope.PER_DAY),
      task("staff_roster_day", "Staffing & security roster: " + W,
          "Who is on which post and shift for " + W + ", with breaks and cover.")
          .is(VENUE, OPERATIONS, HIGH, 3).daysBefore(7).after("staffing_rota").before("crew_briefing")
          .per(Scope.PER_DAY).crowdScaled(),
      task("final_rsvps", "Final RSVP reconciliation & door list",
          "Lock the confirmed list, plus-ones and walk-in rules; print and load the door list.")
          .is(PRE, MARKETING, HIGH, 6).daysBefore(3).after("send_invitations").crowdScaled(),
      task("load_in", "Load-in & build",
          "Vendors in by schedule; set, stage, lighting, sound, furniture and branding built and "
              + "snagged.")
          .is(ON_SITE, OPERATIONS, CRITICAL, 10).daysBefore(1).after("load_schedule", "power_rigging"),
      task("tech_rehearsal", "Technical rehearsal",
          "Run every lighting, sound and video cue from the cue sheet; fix and re-run.")
          .is(ON_SITE, OPERATIONS, CRITICAL, 4).daysBefore(1).after("load_in", "lighting_sound_design", "run_of_show"),
      task("safety_walk", "Pre-doors health & safety walk",
          "Check exits, cables, capacity signage, first-aid point and fire equipment with the "
              + "venue manager.")
          .is(ON_SITE, OPERATIONS, CRITICAL, 1).daysBefore(0).after("load_in", "risk_assessment", "first_aid"),
      task("crew_briefing", "On-site crew & staff briefing",
          "Walk the team through the run-of-show, posts, radio channels, emergency procedure and "
              + "VIP list.")
          .is(ON_SITE, PLANNING, HIGH, 2).daysBefore(0).after("staffing_rota", "run_of_show", "tech_rehearsal"),
      task("doors", "Doors & guest arrival",
          "Open on time, run check-in lanes, seat guests and hold the show until the key seats "
              + "are filled.")
          .is(ON_SITE, OPERATIONS, CRITICAL, 3).daysBefore(0)
          .after("crew_briefing", "registration_desk", "final_rsvps", "safety_walk", "seating_plan").crowdScaled(),
      task("onsite_press", "On-site press & photographer management",
          "Check in accredited media, manage positions and interview requests, collect same-day "
              + "selects.")
          .is(ON_SITE, MEDIA, HIGH, 3).daysBefore(0).after("press_accreditation", "press_area", "shot_list"),
      task("live_social", "Live social coverage",
          "Stories, posts and reposts as the event happens, following the content calendar.")
          .is(ON_SITE, MARKETING, MEDIUM, 4).daysBefore(0).after("social_calendar"),
      task("sponsor_hosting", "Sponsor hosting & activation check",
          "Greet sponsors, check every activation and placement is live as contracted, and "
              + "photograph it for the reports.")
          .is(ON_SITE, SPONSORSHIP, MEDIUM, 4).daysBefore(0).after("sponsor_activation", "sponsor_brand_assets")
          .when(size -> size.sponsors() > 0),
      // ---- Every event: after it ----
      task("load_out", "Load-out & venue handback",
          "Strike in the agreed order, return hired kit, check for damage and hand the venue back "
              + "on time.")
          .is(POST, OPERATIONS, CRITICAL, 8).daysAfterEnd(1).after("load_in"),
      task("press_distribution", "Post-event press release & images",
          "Send the recap release with selected images to attending and absent press.")
          .is(POST, MEDIA, HIGH, 4).daysAfterEnd(1).after("press_release", "onsite_press"),
      task("attendee_survey", "Attendee survey",
          "Short satisfaction and intent survey to every checked-in guest.")
          .is(POST, MARKETING, MEDIUM, 3).daysAfterEnd(2).after("doors"),
      task("thank_yous", "Thank-you notes",
          "Personal thanks to guests of honour, talent, partners and vendors.")
          .is(POST, MARKETING, MEDIUM, 4).daysAfterEnd(3).after("doors"),
      task("sponsor_fulfilment", "Sponsor fulfilment check",
          "Tick every contracted deliverable against proof (photos, counts, mentions) before "
              + "reporting.")
          .is(POST, SPONSORSHIP, HIGH, 4).daysAfterEnd(5).after("sponsor_hosting")
          .when(size -> size.sponsors() > 0),
      task("team_debrief", "Team debrief & lessons learned",
          "What worked, what did not and what to change, written up while it is fresh.")
          .is(POST, PLANNING, HIGH, 3).daysAfterEnd(5).after("load_out"),
      task("content_delivery", "Photo & video edit delivery",
          "Edited galleries and video cut delivered, tagged and shared with the client and "
              + "partners.")
          .is(POST, MEDIA, HIGH, 8).daysAfterEnd(7).after("shot_list", "onsite_press"),
      task("attendance_metrics", "Attendance & engagement metrics",
          "Check-ins against RSVPs, no-show rate, dwell time, survey scores and social reach.")
          .is(POST, PLANNING, HIGH, 6).daysAfterEnd(7).after("doors", "attendee_survey"),
      task("lost_property", "Lost property & damage claims",
          "Return lost items and settle any damage claims with the venue and vendors.")
          .is(POST, OPERATIONS, LOW, 2).daysAfterEnd(7).after("load_out").optional(),
      task("vendor_reconciliation", "Vendor invoices & final budget",
          "Reconcile every invoice against contracts and the budget; report the variance.")
          .is(POST, PLANNING, HIGH, 8).daysAfterEnd(14).after("vendor_contracts", "load_out"),
      task("coverage_report", "Press coverage & social reach report",
          "Clippings, reach, impressions and share of voice from press and social.")
          .is(POST, MEDIA, MEDIUM, 6).daysAfterEnd(14).after("press_distribution", "content_delivery"),
      task("sponsor_report", "Deliver sponsor report: " + W,
          "Results for " + W + ": placements, reach, leads and photos against the contract.")
          .is(POST, SPONSORSHIP, HIGH, 4).daysAfterEnd(14)
          .after("attendance_metrics", "coverage_report", "sponsor_fulfilment").per(Scope.PER_SPONSOR),
      task("final_report", "Post-event report to the client",
          "Results against the brief's KPIs, budget outcome, coverage and recommendations.")
          .is(POST, PLANNING, CRITICAL, 10).daysAfterEnd(21)
          .after("attendance_metrics", "coverage_report", "vendor_reconciliation", "team_debrief"),
      task("sponsor_renewal", "Sponsor renewal conversations",
          "Use the reports to open renewal and upgrade talks for the next edition.")
          .is(POST, SPONSORSHIP, MEDIUM, 3).daysAfterEnd(21).after("sponsor_report")
          .when(size -> size.sponsors() > 0).optional(),
      task("asset_archive", "Archive assets & contracts",
          "File images, video, contracts, plans and the report where the next team will find "
              + "them.")
          .is(POST, OPERATIONS, LOW, 3).daysAfterEnd(30).after("content_delivery", "final_report").optional(),

      // ---- Every event, by audience size ----
      task("crowd_management", "Crowd management & queue plan",
          "Queue design, capacity counts, holding areas and stewarding ratios for a large audience.")
          .is(VENUE, OPERATIONS, HIGH, 6).daysBefore(14).after("floor_plan", "risk_assessment").before("doors")
          .when(size -> size.attendees() >= 300),
      task("bag_check", "Bag check & search team",
          "Extra security for bag search and prohibited-items control at every entrance.")
          .is(VENUE, OPERATIONS, HIGH, 3).daysBefore(10).after("security_plan").before("doors")
          .when(size -> size.attendees() >= 500),
      task("authority_notice", "Notify local authority & police",
          "Event notification with crowd numbers, timings and the emergency plan, as large "
              + "gatherings require.")
          .is(PRE, OPERATIONS, CRITICAL, 4).daysBefore(30).after("risk_assessment")
          .when(size -> size.attendees() >= 1000),
      task("medical_point", "Paramedic & medical point",
          "Paramedic cover and a staffed medical point sized for the crowd.")
          .is(VENUE, OPERATIONS, HIGH, 3).daysBefore(14).after("first_aid")
          .when(size -> size.attendees() >= 1000),
      task("entry_lanes", "Extra entrances & ticket-scanning lanes",
          "Additional entry points, scanners and signage so arrivals clear in under 20 minutes.")
          .is(VENUE, OPERATIONS, HIGH, 4).daysBefore(10).after("floor_plan", "event_page").before("registration_desk")
          .when(size -> size.attendees() >= 1000),
      task("usher_team", "Usher team for seating blocks",
          "Ushers per seating block with the master chart and a seat-dispute escalation route.")
          .is(VENUE, OPERATIONS, MEDIUM, 3).daysBefore(5).after("seating_plan").before("doors")
          .when(size -> size.attendees() >= 1000),
      task("traffic_plan", "Traffic & transport management plan",
          "Drop-off zones, taxi ranks, public-transport guidance and road-closure requests.")
          .is(VENUE, OPERATIONS, HIGH, 6).daysBefore(21).after("authority_notice")
          .when(size -> size.attendees() >= 2500),
      task("overflow_area", "Overflow area with live screens",
          "A second space with screens and sound for guests beyond the main-room capacity.")
          .is(VENUE, OPERATIONS, MEDIUM, 6).daysBefore(14).after("floor_plan", "lighting_sound_design")
          .when(size -> size.attendees() >= 2500),
      task("guest_welfare", "Extra restrooms, cloakroom & waste capacity",
          "Hire extra facilities and cleaning crews in proportion to the crowd.")
          .is(VENUE, OPERATIONS, MEDIUM, 4).daysBefore(14).after("floor_plan")
          .when(size -> size.attendees() >= 2500),

      // ---- Runway shows and fashion week ----
      task("show_concept", "Show concept & creative direction",
          "Theme, set mood, music direction, styling and casting direction agreed with the "
              + "designers or creative director.")
          .is(CREATIVE, PLANNING, CRITICAL, 12).daysBefore(90).after("event_brief").only(RUNWAY, FASHION_WEEK),
      task("casting_brief", "Model casting brief",
          "Number of models, looks per model, sizes, diversity and usage terms, sent to agencies.")
          .is(PRE, PLANNING, HIGH, 4).daysBefore(60).after("show_concept").only(RUNWAY, FASHION_WEEK),
      task("casting", "Model casting & bookings",
          "Run casting sessions, hold options, confirm bookings with agencies and keep a model "
              + "board.")
          .is(PRE, OPERATIONS, CRITICAL, 16).daysBefore(45).after("casting_brief").only(RUNWAY, FASHION_WEEK),
      task("hmu_team", "Book hair & make-up team",
          "Key hair and make-up artists and assistants sized to the model count, with product "
              + "partners.")
          .is(PRE, OPERATIONS, HIGH, 4).daysBefore(30).after("show_concept").only(RUNWAY, FASHION_WEEK),
      task("runway_build", "Runway & set design and build",
          "Runway length and surface, backdrop, entrance and exit, photographer sight lines; "
              + "drawings approved, build booked.")
          .is(CREATIVE, OPERATIONS, CRITICAL, 12).daysBefore(30).after("show_concept", "floor_plan")
          .before("load_in").only(RUNWAY, FASHION_WEEK),
      task("model_contracts", "Model contracts, usage rights & call sheet",
          "Confirm fees, image usage, call times and fittings in writing with each agency.")
          .is(PRE, OPERATIONS, HIGH, 6).daysBefore(30).after("casting").only(RUNWAY, FASHION_WEEK),
      task("dressers", "Book dressers & backstage crew",
          "Dressers per model, rail managers and a backstage manager.")
          .is(PRE, OPERATIONS, MEDIUM, 4).daysBefore(21).after("casting").only(RUNWAY, FASHION_WEEK),
      task("show_music", "Show soundtrack & music licensing",
          "Soundtrack edit timed to the walk, with licences or cleared original music.")
          .is(CREATIVE, OPERATIONS, MEDIUM, 6).daysBefore(21).after("show_concept").before("run_of_show")
          .only(RUNWAY, FASHION_WEEK),
      task("fitting", "Fitting: " + W,
          "Fit every look of " + W + " on its booked model; note alterations and shoes, and "
              + "photograph each look for the board.")
          .is(CREATIVE, OPERATIONS, CRITICAL, 6).daysBefore(14).after("casting", "designer_agreements")
          .per(Scope.PER_DESIGNER).orHouseCollection().only(RUNWAY, FASHION_WEEK),
      task("backstage_plan", "Backstage layout",
          "Rails per designer, hair and make-up stations, quick-change area, line-up zone and "
              + "power for tools.")
          .is(VENUE, OPERATIONS, HIGH, 6).daysBefore(14).after("floor_plan", "casting").only(RUNWAY, FASHION_WEEK),
      task("look_approval", "Look approvals: " + W,
          "Sign off every look of " + W + " after alterations: styling, accessories, hair and "
              + "make-up notes.")
          .is(CREATIVE, PLANNING, HIGH, 3).daysBefore(10).after("fitting").per(Scope.PER_DESIGNER)
          .orHouseCollection().only(RUNWAY, FASHION_WEEK),
      task("hmu_test", "Hair & make-up test & look sign-off",
          "Test the hair and make-up looks on models and get the creative director's sign-off.")
          .is(CREATIVE, PLANNING, HIGH, 6).daysBefore(10).after("hmu_team", "casting").only(RUNWAY, FASHION_WEEK),
      task("photographers_pit", "Photographers' pit & media risers",
          "Risers at the runway end, positions allocated to accredited photographers and "
              + "videographers.")
          .is(VENUE, MEDIA, HIGH, 3).daysBefore(7).after("floor_plan", "press_accreditation").before("onsite_press")
          .only(RUNWAY, FASHION_WEEK),
      task("livestream", "Livestream set-up",
          "Camera positions, streaming platform, graphics and a test stream.")
          .is(CREATIVE, MEDIA, MEDIUM, 8).daysBefore(14).after("lighting_sound_design").before("tech_rehearsal")
          .only(RUNWAY, FASHION_WEEK).optional(),
      task("look_order", "Final look order & line-up board",
          "Running order of every look and model, with quick changes checked, printed for "
              + "backstage and the show caller.")
          .is(CREATIVE, PLANNING, CRITICAL, 6).daysBefore(5).after("look_approval", "casting").before("run_of_show")
          .only(RUNWAY, FASHION_WEEK),
      task("front_row", "Front-row seating & VIP placement",
          "Place editors, buyers, talent and VIPs on the front rows; confirm with their teams.")
          .is(VENUE, MARKETING, HIGH, 6).daysBefore(5).after("seating_plan").before("doors").only(RUNWAY, FASHION_WEEK),
      task("runway_rehearsal", "Model walk-through & dress rehearsal",
          "Walk the runway with models for pace and marks, then a full rehearsal with music and "
              + "lights.")
          .is(ON_SITE, OPERATIONS, CRITICAL, 3).daysBefore(0)
          .after("look_order", "runway_build", "tech_rehearsal", "show_music").before("doors")
          .only(RUNWAY, FASHION_WEEK),
      task("backstage_call", "Backstage call: hair, make-up & dressing",
          "Models in hair and make-up on schedule, dressed in first looks and lined up against the "
              + "board.")
          .is(ON_SITE, OPERATIONS, CRITICAL, 6).daysBefore(0)
          .after("hmu_test", "backstage_plan", "dressers", "runway_rehearsal").before("doors")
          .only(RUNWAY, FASHION_WEEK),
      task("garment_returns", "Garment & sample returns",
          "Check every look back in against the board, note damage and return samples to the "
              + "designers.")
          .is(POST, OPERATIONS, HIGH, 4).daysAfterEnd(2).after("backstage_call").only(RUNWAY, FASHION_WEEK),
      task("lookbook_delivery", "Runway imagery & lookbook to designers",
          "Per-look runway images, captioned and delivered for lookbooks and wholesale.")
          .is(POST, MEDIA, MEDIUM, 6).daysAfterEnd(10).after("content_delivery").only(RUNWAY, FASHION_WEEK)
          .optional(),
      task("talent_payments", "Model, hair & make-up and dresser payments",
          "Approve agency invoices against call sheets and pay on the agreed terms.")
          .is(POST, OPERATIONS, HIGH, 3).daysAfterEnd(14).after("model_contracts", "backstage_call")
          .only(RUNWAY, FASHION_WEEK),

      // ---- Fashion week ----
      task("calendar_registration", "Official calendar slot registration",
          "Apply for show slots on the official fashion week calendar and confirm the dates.")
          .is(PRE, PLANNING, CRITICAL, 6).daysBefore(150).only(FASHION_WEEK),
      task("show_schedule", "Multi-show schedule & venue slots",
          "Schedule of every show and presentation with venue, build and strike slots and travel "
              + "time between them.")
          .is(PRE, PLANNING, CRITICAL, 10).daysBefore(90).after("calendar_registration", "venue_contract")
          .only(FASHION_WEEK),
      task("showroom", "Showroom booking & layout",
          "Showroom space, rails, appointment tables and lighting for wholesale buying.")
          .is(VENUE, OPERATIONS, HIGH, 8).daysBefore(60).after("show_schedule").only(FASHION_WEEK),
      task("buyer_list", "Buyer target list",
          "Department stores, boutiques and e-tailers to invite, prioritised by region and fit.")
          .is(PRE, MARKETING, HIGH, 6).daysBefore(45).after("marketing_plan").only(FASHION_WEEK),
      task("press_office", "Press office",
          "Staff the press office: schedule, interview and sample requests, daily media log.")
          .is(PRE, MEDIA, HIGH, 6).daysBefore(30).after("media_list", "show_schedule").only(FASHION_WEEK),
      task("line_sheets", "Line sheets & wholesale price lists",
          "Line sheets with wholesale and retail prices, minimums and delivery windows.")
          .is(CREATIVE, MARKETING, HIGH, 8).daysBefore(21).after("showroom").only(FASHION_WEEK),
      task("buyer_appointments", "Buyer appointments schedule",
          "Book showroom appointments, confirm them and share the schedule with the sales team.")
          .is(PRE, MARKETING, CRITICAL, 10).daysBefore(14).after("buyer_list", "showroom").only(FASHION_WEEK),
      task("show_transfers", "Model & crew transfers between shows",
          "Cars and timings so models, hair and make-up and crew make every show call.")
          .is(VENUE, OPERATIONS, HIGH, 6).daysBefore(7).after("show_schedule", "casting").only(FASHION_WEEK),
      task("passes_badges", "Passes & badges",
          "Print and pack passes for press, buyers, guests and crew, by show and access level.")
          .is(VENUE, OPERATIONS, HIGH, 4).daysBefore(7).after("press_accreditation", "guest_list")
          .only(FASHION_WEEK).crowdScaled(),
      task("showroom_open", "Showroom opening",
          "Rails merchandised, line sheets out, appointment desk staffed and order tablets ready.")
          .is(ON_SITE, OPERATIONS, HIGH, 4).daysBefore(0).after("showroom", "line_sheets", "buyer_appointments")
          .only(FASHION_WEEK),
      task("press_office_recap", "Press office recap",
          "Consolidate the daily media logs: interviews given, samples out and coverage so far.")
          .is(POST, MEDIA, MEDIUM, 4).daysAfterEnd(3).after("press_office", "onsite_press").only(FASHION_WEEK),
      task("order_follow_up", "Wholesale order confirmation & follow-up",
          "Confirm orders, deposits and delivery windows with every buyer seen.")
          .is(POST, MARKETING, CRITICAL, 8).daysAfterEnd(7).after("showroom_open").only(FASHION_WEEK),

      // ---- Brand activations ----
      task("activation_concept", "Experiential concept & visitor journey",
          "The idea, the moments a visitor passes through, and what they take away or share.")
          .is(CREATIVE, PLANNING, CRITICAL, 12).daysBefore(90).after("event_brief").only(ACTIVATION),
      task("designer_collaboration", "Designer collaboration brief: " + W,
          "What " + W + " contributes to the activation, credits and approval dates.")
          .is(CREATIVE, PLANNING, MEDIUM, 4).daysBefore(45).after("designer_agreements", "activation_concept")
          .per(Scope.PER_DESIGNER).only(ACTIVATION),
      task("influencer_list", "Influencer list & tiering",
          "Creators by reach and fit, tiered into paid, gifted and invited.")
          .is(PRE, MARKETING, HIGH, 6).daysBefore(40).after("marketing_plan").only(ACTIVATION),
      task("experiential_build", "Experiential build design & fabrication",
          "Drawings, materials, fabrication and finishing of the installation, with a build "
              + "schedule.")
          .is(CREATIVE, OPERATIONS, CRITICAL, 20).daysBefore(35).after("activation_concept", "floor_plan")
          .before("load_in").only(ACTIVATION),
      task("interactive_tech", "Interactive tech & digital experience",
          "Screens, AR or photo tech, content and data capture, tested end to end.")
          .is(CREATIVE, OPERATIONS, HIGH, 12).daysBefore(28).after("activation_concept").before("tech_rehearsal")
          .only(ACTIVATION),
      task("build_approvals", "Build sign-off with venue & fire officer",
          "Structural, fire-rating and landlord approvals for the installation.")
          .is(VENUE, OPERATIONS, HIGH, 4).daysBefore(21).after("experiential_build", "permits_licences")
          .only(ACTIVATION),
      task("data_capture", "Visitor data capture & consent",
          "Sign-up flow, consent wording and data handling that meets privacy law.")
          .is(PRE, MARKETING, HIGH, 4).daysBefore(21).after("interactive_tech").only(ACTIVATION),
      task("influencer_briefs", "Influencer content briefs & contracts",
          "Deliverables, key messages, tags, usage rights and fees per creator.")
          .is(CREATIVE, MEDIA, HIGH, 6).daysBefore(21).after("influencer_list").only(ACTIVATION),
      task("ugc_mechanics", "UGC & hashtag mechanics",
          "Shareable moments, hashtag, photo spots and any competition terms.")
          .is(CREATIVE, MARKETING, MEDIUM, 4).daysBefore(21).after("social_calendar", "activation_concept")
          .only(ACTIVATION),
      task("sampling_stock", "Product sampling & giveaway stock",
          "Quantities per day, storage on site and a replenishment plan.")
          .is(VENUE, OPERATIONS, MEDIUM, 4).daysBefore(10).after("activation_concept", "vendor_contracts")
          .only(ACTIVATION),
      task("ambassador_training", "Brand ambassador staffing & training",
          "Hire ambassadors and train them on the brand story, the journey and data capture.")
          .is(VENUE, OPERATIONS, HIGH, 6).daysBefore(7).after("staffing_rota", "activation_concept")
          .before("crew_briefing").only(ACTIVATION),
      task("queue_experience", "Queue, capacity & dwell-time management",
          "Timed entry or queue entertainment, capacity counts and a target dwell time.")
          .is(ON_SITE, OPERATIONS, HIGH, 3).daysBefore(0).after("ambassador_training", "floor_plan").before("doors")
          .only(ACTIVATION),
      task("influencer_hosting", "Influencer arrivals & content capture",
          "Host creators, give them the shareable moments and log what they post.")
          .is(ON_SITE, MEDIA, MEDIUM, 4).daysBefore(0).after("influencer_briefs").only(ACTIVATION),
      task("build_strike", "Experiential build strike & storage",
          "Dismantle, store or recycle the installation and clear the site.")
          .is(POST, OPERATIONS, HIGH, 6).daysAfterEnd(2).after("load_out", "experiential_build").only(ACTIVATION),
      task("visitor_metrics", "Footfall, dwell-time & data capture report",
          "Visitors, dwell time, sign-ups and shares against the activation's targets.")
          .is(POST, MARKETING, HIGH, 6).daysAfterEnd(7).after("queue_experience", "data_capture")
          .before("final_report").only(ACTIVATION),
      task("influencer_tracking", "Influencer content tracking & payments",
          "Collect every creator's posts and stats, check deliverables, then pay.")
          .is(POST, MEDIA, MEDIUM, 4).daysAfterEnd(14).after("influencer_briefs", "influencer_hosting")
          .before("coverage_report").only(ACTIVATION),

      // ---- Pop-ups ----
      task("retail_concept", "Pop-up retail concept & store layout",
          "Store story, zones, fixtures, fitting rooms, till point and stockroom.")
          .is(CREATIVE, PLANNING, CRITICAL, 10).daysBefore(75).after("event_brief").only(POP_UP),
      task("stock_plan", "Stock buy & allocation plan",
          "Assortment, quantities per size and daily sell-through targets.")
          .is(PRE, OPERATIONS, CRITICAL, 8).daysBefore(45).after("retail_concept", "master_budget").only(POP_UP),
      task("landlord_approvals", "Landlord fit-out approvals",
          "Fit-out drawings, signage and opening hours approved under the short-term lease.")
          .is(VENUE, OPERATIONS, HIGH, 4).daysBefore(45).after("venue_contract", "retail_concept").only(POP_UP),
      task("retail_fit_out", "Retail fit-out design & build",
          "Fixtures, lighting, fitting rooms and finishes designed, made and installed.")
          .is(CREATIVE, OPERATIONS, CRITICAL, 24).daysBefore(30)
          .after("retail_concept", "floor_plan", "landlord_approvals").before("load_in").only(POP_UP),
      task("pricing_tax", "Pricing, tax & returns policy",
          "Retail prices, sales tax set-up, receipts and the returns and exchange policy.")
          .is(PRE, OPERATIONS, MEDIUM, 4).daysBefore(21).after("stock_plan").only(POP_UP),
      task("stock_intake", "Consignment terms & stock intake: " + W,
          "Agree consignment or wholesale terms and the stock list for " + W + ".")
          .is(PRE, OPERATIONS, HIGH, 4).daysBefore(21).after("designer_agreements", "stock_plan")
          .per(Scope.PER_DESIGNER).orHouseCollection().only(POP_UP),
      task("pos_setup", "POS, card payments & Wi-Fi",
          "Point-of-sale system, card readers, product catalogue, stock sync and reliable Wi-Fi.")
          .is(VENUE, OPERATIONS, CRITICAL, 6).daysBefore(14).after("venue_contract", "pricing_tax").only(POP_UP),
      task("sales_staff", "Sales staff hiring & product training",
          "Hire the sales team and train them on product, POS and clienteling.")
          .is(PRE, OPERATIONS, HIGH, 8).daysBefore(14).after("retail_concept").only(POP_UP),
      task("clienteling", "Customer capture & loyalty sign-up",
          "Capture customer details at the till with consent for follow-up.")
          .is(PRE, MARKETING, MEDIUM, 4).daysBefore(14).after("pos_setup").only(POP_UP).optional(),
      task("visual_merchandising", "Visual merchandising & window display",
          "Window, hero displays, folding and hanging standards photographed for the team.")
          .is(CREATIVE, MARKETING, HIGH, 10).daysBefore(10).after("retail_fit_out", "visual_identity").only(POP_UP),
      task("loss_prevention", "Loss prevention & cash handling",
          "Tagging, camera coverage, till counts and banking.")
          .is(VENUE, OPERATIONS, MEDIUM, 3).daysBefore(7).after("pos_setup", "security_plan").only(POP_UP),
      task("stock_delivery", "Stock delivery, tagging & count",
          "Receive stock, tag, price, count into the POS and fill the floor.")
          .is(VENUE, OPERATIONS, HIGH, 8).daysBefore(2).after("stock_intake", "pos_setup").only(POP_UP),
      task("opening_checks", "Store opening checks",
          "Float, POS test, stock on the floor, displays finished and team on shift.")
          .is(ON_SITE, OPERATIONS, CRITICAL, 3).daysBefore(0)
          .after("stock_delivery", "visual_merchandising", "sales_staff", "loss_prevention").before("doors")
          .only(POP_UP),
      task("fit_out_strike", "Fit-out strike & dilapidations check",
          "Remove the fit-out and return the unit in lease condition.")
          .is(POST, OPERATIONS, HIGH, 6).daysAfterEnd(2).after("load_out").only(POP_UP),
      task("stock_return", "Unsold stock count & returns",
          "Count unsold stock and return it to designers or the warehouse with paperwork.")
          .is(POST, OPERATIONS, HIGH, 6).daysAfterEnd(3).after("opening_checks").only(POP_UP),
      task("sales_report", "Sales & sell-through report",
          "Sales by product and day, sell-through, average basket and conversion.")
          .is(POST, PLANNING, HIGH, 6).daysAfterEnd(7).after("opening_checks", "stock_return")
          .before("final_report").only(POP_UP),

      // ---- Trunk shows ----
      task("client_list", "Client list from clienteling & purchase history",
          "Select the clients to invite from purchase history, sizes and preferences.")
          .is(PRE, MARKETING, CRITICAL, 8).daysBefore(45).after("event_brief").only(TRUNK),
      task("appointment_system", "Appointment booking system",
          "Booking slots, lengths and confirmations in a shared calendar.")
          .is(PRE, OPERATIONS, HIGH, 4).daysBefore(35).after("client_list").only(TRUNK),
      task("sample_shipping", "Sample collection shipping & insurance",
          "Ship the sample collection with customs papers and transit insurance.")
          .is(VENUE, OPERATIONS, CRITICAL, 6).daysBefore(21).after("master_budget", "designer_agreements")
          .only(TRUNK),
      task("client_appointments", "Client appointments scheduling",
          "Book each client into a slot with a stylist and a note of their sizes and wishes.")
          .is(PRE, MARKETING, CRITICAL, 10).daysBefore(14).after("appointment_system", "send_invitations")
          .only(TRUNK).crowdScaled(),
      task("order_forms", "Order forms, price lists & deposit terms",
          "Special-order forms, prices, deposit and delivery terms ready for every appointment.")
          .is(PRE, OPERATIONS, HIGH, 4).daysBefore(14).after("sample_shipping").only(TRUNK),
      task("sample_rail", "Sample rail & size run: " + W,
          "A rail with the pieces of " + W + ", the size run and fabric swatches.")
          .is(VENUE, OPERATIONS, HIGH, 4).daysBefore(14).after("sample_shipping").per(Scope.PER_DESIGNER)
          .orHouseCollection().only(TRUNK),
      task("designer_talking_points", "Collection story & talking points: " + W,
          "Inspiration, fabrics and fit notes for " + W + ", for the stylists and any designer "
              + "appearance.")
          .is(CREATIVE, MARKETING, MEDIUM, 4).daysBefore(10).after("designer_agreements")
          .per(Scope.PER_DESIGNER).orHouseCollection().only(TRUNK),
      task("stylists", "Personal stylists & fitting-room staffing",
          "Stylists and a tailor for measurements, matched to the appointment book.")
          .is(PRE, OPERATIONS, MEDIUM, 4).daysBefore(10).after("client_appointments").only(TRUNK),
      task("private_viewing", "Private viewing room styling",
          "Rails, mirrors, lighting, seating and fitting rooms for a private, unhurried viewing.")
          .is(CREATIVE, PLANNING, HIGH, 8).daysBefore(7).after("floor_plan", "sample_rail").only(TRUNK),
      task("client_hospitality", "Client hospitality",
          "Drinks, small bites and welcome notes by appointment.")
          .is(VENUE, OPERATIONS, MEDIUM, 4).daysBefore(7).after("catering_plan").only(TRUNK),
      task("appointment_reminders", "Appointment reminders",
          "Remind every client of their slot and offer changes two days ahead.")
          .is(PRE, MARKETING, HIGH, 3).daysBefore(2).after("client_appointments").only(TRUNK).crowdScaled(),
      task("viewing_flow", "Client greeting & appointment flow",
          "Greet each client, run appointments to time and take measurements and orders.")
          .is(ON_SITE, OPERATIONS, CRITICAL, 4).daysBefore(0)
          .after("appointment_reminders", "private_viewing", "stylists").before("doors").only(TRUNK),
      task("order_processing", "Order processing & deposits",
          "Enter every order, take deposits and send confirmations with delivery dates.")
          .is(POST, OPERATIONS, CRITICAL, 6).daysAfterEnd(3).after("viewing_flow", "order_forms").only(TRUNK),
      task("sample_return", "Sample return shipping",
          "Pack and ship samples back with customs papers.")
          .is(POST, OPERATIONS, MEDIUM, 4).daysAfterEnd(5).after("viewing_flow").only(TRUNK),
      task("client_follow_up", "Client follow-ups",
          "Personal follow-up to every client seen and to invitees who could not come.")
          .is(POST, MARKETING, HIGH, 6).daysAfterEnd(7).after("order_processing").before("final_report")
          .only(TRUNK),
      task("client_notes", "Client preference notes in the CRM",
          "Record sizes, likes and purchases so the next invitation is personal.")
          .is(POST, MARKETING, LOW, 3).daysAfterEnd(10).after("client_follow_up").only(TRUNK).optional(),

      // ---- Panels ----
      task("panel_topic", "Panel topic & session outline",
          "Topic, angle, session length, format and the audience's takeaways.")
          .is(CREATIVE, PLANNING, CRITICAL, 8).daysBefore(60).after("event_brief").only(PANEL),
      task("speaker_shortlist", "Speaker shortlist",
          "Designers, executives and experts who bring distinct views, with backups.")
          .is(PRE, PLANNING, HIGH, 6).daysBefore(55).after("panel_topic").only(PANEL),
      task("speaker_booking", "Speaker booking & agreements",
          "Invite, confirm and contract speakers: fee, travel, recording and image rights.")
          .is(PRE, PLANNING, CRITICAL, 8).daysBefore(45).after("speaker_shortlist").only(PANEL),
      task("moderator_booking", "Moderator booking",
          "A moderator who knows the topic and the speakers.")
          .is(PRE, PLANNING, HIGH, 4).daysBefore(40).after("panel_topic").only(PANEL),
      task("panelist_bio", "Panelist confirmation & bio: " + W,
          "Confirm " + W + " on the panel and collect the bio, headshot and talking points.")
          .is(PRE, MARKETING, MEDIUM, 3).daysBefore(30).after("speaker_booking", "designer_agreements")
          .per(Scope.PER_DESIGNER).only(PANEL),
      task("speaker_promo", "Speaker announcements & promo assets",
          "Speaker cards and posts announcing the line-up.")
          .is(CREATIVE, MARKETING, MEDIUM, 4).daysBefore(21).after("speaker_booking", "social_calendar").only(PANEL),
      task("speaker_travel", "Speaker travel & accommodation",
          "Flights, hotels and ground transport for speakers, with an itinerary each.")
          .is(VENUE, OPERATIONS, HIGH, 6).daysBefore(21).after("speaker_booking").only(PANEL),
      task("av_for_talks", "AV for talks",
          "Lavalier and handheld mics, confidence monitors, slide playback, recording feed.")
          .is(CREATIVE, OPERATIONS, CRITICAL, 8).daysBefore(14).after("lighting_sound_design")
          .before("tech_rehearsal").only(PANEL),
      task("stage_set", "Stage set",
          "Chairs, side tables, lectern, backdrop and water on stage.")
          .is(VENUE, OPERATIONS, HIGH, 4).daysBefore(14).after("floor_plan").before("load_in").only(PANEL),
      task("live_captions", "Live captioning & accessibility",
          "Live captions on screen and for the recording.")
          .is(CREATIVE, MEDIA, MEDIUM, 3).daysBefore(10).after("av_for_talks").only(PANEL).optional(),
      task("moderator_brief", "Moderator brief & question plan",
          "Speaker bios, key questions, timings and how audience questions are handled.")
          .is(CREATIVE, PLANNING, HIGH, 6).daysBefore(7).after("moderator_booking", "speaker_booking").only(PANEL),
      task("speaker_prep_call", "Speaker prep call",
          "Walk speakers and moderator through the flow, questions and stage logistics.")
          .is(CREATIVE, PLANNING, MEDIUM, 2).daysBefore(5).after("moderator_brief").only(PANEL),
      task("slides", "Slide decks collection & playback test",
          "Collect final decks, load them and test on the stage laptop.")
          .is(CREATIVE, MEDIA, MEDIUM, 3).daysBefore(3).after("speaker_booking", "av_for_talks").only(PANEL),
      task("green_room", "Green room & speaker hosting",
          "Speaker arrival, mic fitting, refreshments and a calm green room.")
          .is(ON_SITE, OPERATIONS, MEDIUM, 3).daysBefore(0).after("speaker_travel").before("doors").only(PANEL),
      task("audience_qa", "Audience Q&A",
          "Mic runners or a question app, and a moderator signal for time.")
          .is(ON_SITE, OPERATIONS, MEDIUM, 2).daysBefore(0).after("av_for_talks", "crew_briefing").only(PANEL),
      task("speaker_thanks", "Speaker thank-yous & fee payments",
          "Thank speakers and moderator and pay fees and expenses.")
          .is(POST, PLANNING, MEDIUM, 3).daysAfterEnd(7).after("speaker_booking", "green_room").only(PANEL),
      task("recording_publish", "Session recording edit & publish",
          "Edit, caption and publish the recording with speaker approval.")
          .is(POST, MEDIA, HIGH, 6).daysAfterEnd(14).after("av_for_talks", "content_delivery").only(PANEL),

      // ---- Launch parties ----
      task("party_concept", "Party concept & theme",
          "Theme, dress code, mood, and how the product launch sits at its centre.")
          .is(CREATIVE, PLANNING, CRITICAL, 8).daysBefore(60).after("event_brief").only(LAUNCH),
      task("vip_list", "VIP & talent guest list",
          "Celebrities, tastemakers and talent with their teams, handled separately from the main "
              + "list.")
          .is(PRE, MARKETING, HIGH, 6).daysBefore(35).after("guest_list", "party_concept").only(LAUNCH),
      task("dj_entertainment", "DJ & entertainment booking",
          "DJ, live acts or performers that fit the theme, with set times.")
          .is(PRE, OPERATIONS, HIGH, 4).daysBefore(35).after("party_concept").only(LAUNCH),
      task("bar_service", "Bar, drinks menu & alcohol licence",
          "Bar layout, signature drinks, staffing and the alcohol licence.")
          .is(VENUE, OPERATIONS, HIGH, 6).daysBefore(21).after("party_concept", "permits_licences")
          .only(LAUNCH).crowdScaled(),
      task("product_reveal", "Product reveal moment",
          "How and when the product is revealed: staging, lighting, speech and the shot everyone "
              + "posts.")
          .is(CREATIVE, MARKETING, CRITICAL, 10).daysBefore(21).after("party_concept").only(LAUNCH),
      task("entertainment_rider", "Entertainment rider & tech specs",
          "DJ and performer riders, equipment and green-room needs.")
          .is(VENUE, OPERATIONS, MEDIUM, 4).daysBefore(14).after("dj_entertainment", "lighting_sound_design")
          .only(LAUNCH),
      task("press_embargo", "Press embargo & announcement timing",
          "Embargo terms for press and creators and the exact moment it lifts.")
          .is(PRE, MEDIA, HIGH, 3).daysBefore(14).after("press_release", "product_reveal").only(LAUNCH),
      task("photo_moment", "Branded photo moment",
          "A set-piece photo spot in the launch identity, lit for phones and cameras.")
          .is(CREATIVE, MEDIA, MEDIUM, 6).daysBefore(14).after("visual_identity", "floor_plan").only(LAUNCH),
      task("designer_guest", "Designer guest & styling confirmation: " + W,
          "Confirm attendance, plus-ones and styling for the evening with " + W + ".")
          .is(PRE, MARKETING, MEDIUM, 2).daysBefore(14).after("designer_agreements", "vip_list")
          .per(Scope.PER_DESIGNER).only(LAUNCH),
      task("after_party", "After-party arrangements",
          "Venue, list and transport for an after-party, if the brief wants one.")
          .is(PRE, PLANNING, LOW, 4).daysBefore(14).after("party_concept").only(LAUNCH).optional(),
      task("decor", "Decor, florals & styling",
          "Set dressing, florals, furniture and table styling in the theme.")
          .is(CREATIVE, PLANNING, HIGH, 8).daysBefore(10).after("party_concept", "floor_plan").only(LAUNCH),
      task("reveal_rehearsal", "Product reveal rehearsal",
          "Rehearse the reveal with lighting, sound, speakers and camera positions.")
          .is(ON_SITE, OPERATIONS, CRITICAL, 2).daysBefore(1).after("product_reveal", "tech_rehearsal")
          .before("doors").only(LAUNCH),
      task("door_policy", "Door policy & guest-list check",
          "Door team with the list, VIP entrance and a clear policy for plus-ones and walk-ins.")
          .is(ON_SITE, OPERATIONS, HIGH, 2).daysBefore(0).after("final_rsvps", "vip_list", "security_plan")
          .before("doors").only(LAUNCH),
      task("launch_social", "Launch moment: live posts & embargo lift",
          "Post the reveal the moment the embargo lifts and push creators' content.")
          .is(ON_SITE, MEDIA, HIGH, 3).daysBefore(0).after("product_reveal", "press_embargo").only(LAUNCH),
      task("bar_reconciliation", "Bar stock & tab reconciliation",
          "Count stock back, settle the bar tab and return unopened product.")
          .is(POST, OPERATIONS, MEDIUM, 3).daysAfterEnd(3).after("bar_service", "load_out").only(LAUNCH),
      task("launch_sales", "Launch sales & pre-order report",
          "Sales, pre-orders and site traffic in the days after the reveal.")
          .is(POST, MARKETING, HIGH, 4).daysAfterEnd(14).after("reveal_rehearsal").before("final_report")
          .only(LAUNCH))
      .map(Builder::build)
      .toList();

  private TaskLibrary() {}

  private static Builder task(String key, String name, String description) {
    return new Builder(key, name, description);
  }

  /** Fills a template step by step, so the table above reads like a plan. */
  private static final class Builder {
    private final String key;
    private final String name;
    private final String description;
    private String phase;
    private String category;
    private String priority;
    private int hours;
    private int leadDays;
    private Scope scope = Scope.ONCE;
    private boolean houseCollection;
    private Set<String> eventTypes = Set.copyOf(PlannedTask.EVENT_TYPES);
    private final List<String> after = new ArrayList<>();
    private final List<String> before = new ArrayList<>();
    private Predicate<EventSize> condition = size -> true;
    private boolean optional;
    private boolean crowdScaled;

    private Builder(String key, String name, String description) {
      this.key = key;
      this.name = name;
      this.description = description;
    }

    Builder is(String phase, String category, String priority, int hours) {
      this.phase = phase;
      this.category = category;
      this.priority = priority;
      this.hours = hours;
      return this;
    }

    Builder daysBefore(int days) {
      leadDays = days;
      return this;
    }

    Builder daysAfterEnd(int days) {
      leadDays = -days;
      return this;
    }

    Builder after(String... keys) {
      after.addAll(List.of(keys));
      return this;
    }

    Builder before(String... keys) {
      before.addAll(List.of(keys));
      return this;
    }

    Builder per(Scope scope) {
      this.scope = scope;
      return this;
    }

    Builder orHouseCollection() {
      houseCollection = true;
      return this;
    }

    Builder only(String... types) {
      eventTypes = Set.of(types);
      return this;
    }

    Builder except(String... types) {
      Set<String> kept = new LinkedHashSet<>(PlannedTask.EVENT_TYPES);
      List.of(types).forEach(kept::remove);
      eventTypes = Set.copyOf(kept);
      return this;
    }

    Builder when(Predicate<EventSize> condition) {
      this.condition = condition;
      return this;
    }

    Builder optional() {
      optional = true;
      return this;
    }

    Builder crowdScaled() {
      crowdScaled = true;
      return this;
    }

    TaskTemplate build() {
      return new TaskTemplate(key, name, description, phase, category, priority, hours, leadDays, scope,
          houseCollection, eventTypes, List.copyOf(after), List.copyOf(before), condition, optional, crowdScaled);
    }
  }
}
