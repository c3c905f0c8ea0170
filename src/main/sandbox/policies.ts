import { notFound } from './errors.ts';
import { A2P_TRUST_PRODUCT_POLICY, SECONDARY_PROFILE_POLICY } from './evaluate.ts';
import { hosts } from './format.ts';
import type { Route } from './http.ts';
import { pageV1, readPageRequest } from './paging.ts';

/**
 * Trust Hub Policies (RN…): what a bundle must contain. twilio-api-notes.md §3.5 advises reading
 * policy SIDs from `GET /v1/Policies` rather than hard-coding them; the two the ISV guide names
 * are listed here with their end-user and document requirements.
 */
interface Policy {
  sid: string;
  friendly_name: string;
  requirements: Record<string, unknown>;
}

const POLICIES: readonly Policy[] = [
  {
    sid: SECONDARY_PROFILE_POLICY, friendly_name: 'Secondary Customer Profile of type Business',
    requirements: {
      end_user: [
        { name: 'Business Information', type: 'customer_profile_business_information', requirement_name: 'business_information' },
        { name: 'Authorized Representative 1', type: 'authorized_representative_1', requirement_name: 'authorized_representative_1' },
      ],
      supporting_document: [[{ name: 'Business Address', type: 'customer_profile_address', requirement_name: 'customer_profile_address' }]],
    },
  },
  {
    sid: A2P_TRUST_PRODUCT_POLICY, friendly_name: 'A2P Messaging: Local - Business',
    requirements: {
      end_user: [{ name: 'US A2P Messaging Profile Information', type: 'us_a2p_messaging_profile_information', requirement_name: 'us_a2p_messaging_profile_information' }],
      supporting_document: [],
    },
  },
];

const render = (p: Policy): Record<string, unknown> => ({ ...p, url: `${hosts.trusthub}/v1/Policies/${p.sid}` });

export const policyRoutes: readonly Route[] = [
  {
    method: 'GET', pattern: /^\/v1\/Policies$/,
    handle: (_ctx, req) => ({
      status: 200,
      body: pageV1(POLICIES, readPageRequest(req.query, 50), { url: `${hosts.trusthub}/v1/Policies`, key: 'results', filters: [], idOf: (p) => p.sid, render }),
    }),
  },
  {
    method: 'GET', pattern: /^\/v1\/Policies\/(RN[0-9a-f]{32})$/,
    handle: (_ctx, req) => {
      const policy = POLICIES.find((p) => p.sid === req.params[0]);
      if (policy === undefined) throw notFound(req.path);
      return { status: 200, body: render(policy) };
    },
  },
];
