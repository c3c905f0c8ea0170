import { useTags } from '../../api/contact-queries';
import { FormError } from '../../components/form-error';
import { TableHead } from '../../components/table-head';

/** The free tags people carry (added on a contact or from an import's tag column), with how many have each. */
export function TagsPanel() {
  const tags = useTags();
  return (
    <section className="stack" aria-labelledby="tags-title">
      <h2 id="tags-title">Tags</h2>
      <FormError error={tags.error} />
      {tags.data?.length === 0 ? <p className="muted">No tags yet. Add them on a contact (Change → Tags) or with a Tags column in an import.</p> : null}
      {tags.data && tags.data.length > 0 ? (
        <table>
          <TableHead columns={['Tag', 'People']} />
          <tbody>
            {tags.data.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{t.contactCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
