export default `
-- Handled up to this reply (by id, not time: the carrier's times are whole seconds, so a
-- reply in the same second as the handling must still count as new).
ALTER TABLE threads ADD COLUMN handled_up_to INTEGER;
`;
