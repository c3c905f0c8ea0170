import { usePolicy } from '../../api/audience-queries';

/** The family SMS policy where staff opt a number in: what the family agrees to. */
export function FamilyPolicyNote() {
  const policy = usePolicy();
  if (!policy.data) return null;
  return (
    <details className="policy-note">
      <summary>What the family agrees to (our SMS policy)</summary>
      <p className="pre-wrap">{policy.data.familyPolicy}</p>
    </details>
  );
}
