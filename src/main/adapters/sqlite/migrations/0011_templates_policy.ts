export default `
-- Reserved for the templates and SMS policy tables.
`;
