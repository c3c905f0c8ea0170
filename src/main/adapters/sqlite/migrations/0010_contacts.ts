export default `
-- Reserved for the contacts tables.
`;
