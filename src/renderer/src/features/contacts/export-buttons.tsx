import { useExportCsv } from '../../api/contact-queries';
import { FormError } from '../../components/form-error';

/** Hands a CSV to the browser's (or the desktop's) save-a-download flow. */
function download(fileName: string, csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Admins: every contact, or the consent evidence of every number, as a spreadsheet. */
export function ExportButtons() {
  const exporter = useExportCsv();
  return (
    <div className="row">
      <button type="button" disabled={exporter.isPending} onClick={() => exporter.mutate({ what: 'contacts' }, { onSuccess: (file) => download(file.fileName, file.csv) })}>
        Export contacts
      </button>
      <button type="button" disabled={exporter.isPending} onClick={() => exporter.mutate({ what: 'consent' }, { onSuccess: (file) => download(file.fileName, file.csv) })}>
        Export consent records
      </button>
      <FormError error={exporter.error} />
    </div>
  );
}
