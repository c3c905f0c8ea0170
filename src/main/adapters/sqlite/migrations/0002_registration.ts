export default `
-- One row: this install's carrier registration (brand + phone number), kept across restarts.
CREATE TABLE registration (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  brand_form TEXT,
  customer_profile_sid TEXT,
  trust_product_sid TEXT,
  brand_sid TEXT,
  brand_state TEXT NOT NULL DEFAULT 'none' CHECK (brand_state IN ('none', 'in_process', 'approved', 'failed')),
  failure_message TEXT,
  submitted_at INTEGER,
  messaging_service_sid TEXT,
  phone_state TEXT NOT NULL DEFAULT 'none' CHECK (phone_state IN ('none', 'no_number', 'in_process', 'assigned')),
  phone_area_code TEXT,
  phone_number TEXT,
  updated_at INTEGER NOT NULL
) STRICT;
INSERT INTO registration (id, updated_at) VALUES (1, 0);
`;
