export default `
-- Reserved for the billing tables.
`;
