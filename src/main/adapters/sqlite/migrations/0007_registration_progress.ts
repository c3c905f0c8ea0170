export default `
-- Registration resumes from what exists: every Twilio SID is kept the moment it is created, so a
-- timeout or crash mid-way never makes a second profile, brand, campaign or number.
ALTER TABLE registration ADD COLUMN business_end_user_sid TEXT;
ALTER TABLE registration ADD COLUMN representative_end_user_sid TEXT;
ALTER TABLE registration ADD COLUMN address_sid TEXT;
ALTER TABLE registration ADD COLUMN supporting_document_sid TEXT;
ALTER TABLE registration ADD COLUMN messaging_profile_end_user_sid TEXT;
-- Twilio's own brand status (e.g. SUSPENDED) and how many fix-and-resubmit updates were used (Twilio allows three).
ALTER TABLE registration ADD COLUMN brand_status TEXT;
ALTER TABLE registration ADD COLUMN brand_updates_used INTEGER NOT NULL DEFAULT 0 CHECK (brand_updates_used >= 0);
-- The A2P campaign on the Messaging Service.
ALTER TABLE registration ADD COLUMN campaign_sid TEXT;
ALTER TABLE registration ADD COLUMN campaign_state TEXT NOT NULL DEFAULT 'none'
  CHECK (campaign_state IN ('none', 'in_process', 'verified', 'failed'));
ALTER TABLE registration ADD COLUMN campaign_form TEXT;
ALTER TABLE registration ADD COLUMN campaign_failure_message TEXT;
ALTER TABLE registration ADD COLUMN campaign_submitted_at INTEGER;
ALTER TABLE registration ADD COLUMN phone_number_sid TEXT;
-- Background status checks: when the last one ran and when the next is due.
ALTER TABLE registration ADD COLUMN status_checked_at INTEGER;
ALTER TABLE registration ADD COLUMN next_status_check_at INTEGER;
`;
