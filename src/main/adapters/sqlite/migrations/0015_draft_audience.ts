export default `
-- A draft keeps who was picked in Compose (classes, tags, families) beside the pasted numbers, as
-- JSON of the contract's audience selection; NULL when nobody was picked.
ALTER TABLE drafts ADD COLUMN selection TEXT CHECK (selection IS NULL OR json_valid(selection));
`;
