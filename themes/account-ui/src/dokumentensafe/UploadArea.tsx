import { useEnvironment } from "@keycloak/keycloak-account-ui";
import { Alert, Button, Progress } from "@patternfly/react-core";
import { useRef, useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api";
import { declaredType, errorText, formatSize, typeNames, type SafeDocument, type Usage } from "./dokumentensafe";
import { upload } from "./upload";

type Current = { name: string; index: number; count: number; percent: number; done: boolean; failed?: boolean };

type Props = {
  /** The safe's API prefix (SAFE or organisationSafe(id)). */
  safe: string;
  folder: string | null;
  usage?: Usage;
  /** Files were chosen: older notices on the page no longer apply. */
  onStart: () => void;
  onStored: (document: SafeDocument) => void;
};

/**
 * Choosing files (the file field, or dropping them onto the area) and uploading them one after the other into the
 * open folder. The bar is a progressbar (role, aria-valuenow) for the file under way; a polite live region announces
 * the start, each quarter, the end and any refusal, so a screen reader hears it without leaving its place. The
 * limits are shown before a file is chosen and checked before it is sent; the server checks them again.
 */
export const UploadArea = ({ safe, folder, usage, onStart, onStored }: Props) => {
  const { t, i18n } = useTranslation();
  const context = useEnvironment();
  const [current, setCurrent] = useState<Current>();
  const [announcement, setAnnouncement] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);
  const abort = useRef<AbortController>();
  const input = useRef<HTMLInputElement>(null);
  const busy = current !== undefined && !current.done;

  /** Why a file cannot go in, known before sending it (the server's own code text), or undefined. */
  const refusal = (file: File, used: number): string | undefined => {
    if (!usage) return undefined;
    if (!usage.allowedTypes.includes(declaredType(file))) return t("skSafeError_type_not_allowed");
    if (file.size > usage.maxFileBytes) return t("skSafeError_file_too_large");
    if (used + file.size > usage.quotaBytes) return t("skSafeError_quota_exceeded");
    return undefined;
  };

  const start = async (files: File[]) => {
    if (busy || files.length === 0) return;
    const controller = new AbortController();
    abort.current = controller;
    setProblems([]);
    onStart();
    let used = usage?.usedBytes ?? 0;
    const failed: string[] = [];
    for (const [index, file] of files.entries()) {
      const known = refusal(file, used);
      if (known) {
        failed.push(t("skSafeUploadRefused", { name: file.name, reason: known }));
        continue;
      }
      let quarter = 0;
      setCurrent({ name: file.name, index: index + 1, count: files.length, percent: 0, done: false });
      setAnnouncement(t("skSafeUploadStarted", { name: file.name, index: index + 1, count: files.length }));
      try {
        const stored = await upload(context, safe, file, folder, (sent, total) => {
          const percent = total > 0 ? Math.min(100, Math.floor((sent * 100) / total)) : 100;
          setCurrent((before) => (before ? { ...before, percent } : before));
          if (percent >= (quarter + 1) * 25 && percent < 100) {
            quarter = Math.floor(percent / 25);
            setAnnouncement(t("skSafeUploadPercent", { name: file.name, percent: quarter * 25 }));
          }
        }, controller.signal);
        used += stored.size;
        setCurrent((before) => (before ? { ...before, percent: 100 } : before));
        setAnnouncement(t("skSafeUploadDone", { name: stored.name }));
        onStored(stored);
      } catch (error) {
        setCurrent((before) => (before ? { ...before, failed: true } : before));
        if (error instanceof DOMException && error.name === "AbortError") {
          failed.push(t("skSafeUploadCancelled", { name: file.name }));
          break;
        }
        failed.push(t("skSafeUploadRefused", { name: file.name, reason: error instanceof ApiError ? errorText(t, error) : t("skSafeError_other") }));
      }
    }
    setCurrent((before) => (before ? { ...before, done: true } : before));
    setProblems(failed);
    if (failed.length > 0) setAnnouncement(failed.join(" "));
    if (input.current) input.current.value = "";
  };

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void start(Array.from(event.dataTransfer.files));
  };

  return (
    <section aria-labelledby="sk-safe-upload-heading" className="pf-v5-u-my-md">
      <h2 className="pf-v5-c-title pf-m-lg" id="sk-safe-upload-heading">
        {t("skSafeUpload")}
      </h2>
      <div
        id="sk-safe-dropzone"
        className={`sk-safe-dropzone${dragging ? " sk-safe-dropzone-active" : ""}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <p id="sk-safe-upload-limits">
          {usage
            ? t("skSafeUploadLimits", { types: typeNames(usage.allowedTypes), size: formatSize(usage.maxFileBytes, i18n.language) })
            : t("skLoading")}
        </p>
        <label htmlFor="sk-safe-upload-input" className="pf-v5-u-font-weight-bold">
          {t("skSafeUploadChoose")}
        </label>{" "}
        <input
          id="sk-safe-upload-input"
          ref={input}
          type="file"
          multiple
          disabled={busy || !usage}
          aria-describedby="sk-safe-upload-limits sk-safe-upload-drop"
          onChange={(event) => void start(Array.from(event.target.files ?? []))}
        />
        <p id="sk-safe-upload-drop" className="pf-v5-u-mt-sm">
          {t("skSafeUploadDrop")}
        </p>
      </div>
      {current && (
        <div className="pf-v5-u-mt-sm">
          <Progress
            id="sk-safe-upload-progress"
            value={current.percent}
            title={t(current.failed ? "skSafeUploadProgressFailed" : current.done ? "skSafeUploadProgressDone" : "skSafeUploadProgress", {
              name: current.name,
              index: current.index,
              count: current.count,
            })}
            valueText={t("skSafeUploadPercent", { name: current.name, percent: current.percent })}
            variant={current.failed ? "danger" : current.done ? "success" : undefined}
          />
          {busy && (
            <Button variant="secondary" id="sk-safe-upload-cancel" className="pf-v5-u-mt-sm" onClick={() => abort.current?.abort()}>
              {t("skSafeUploadCancel")}
            </Button>
          )}
        </div>
      )}
      <div aria-live="polite" role="status" id="sk-safe-upload-status" className="pf-v5-screen-reader">
        {announcement}
      </div>
      {problems.length > 0 && (
        <Alert variant="danger" isInline title={t("skSafeUploadFailed")} id="sk-safe-upload-error" className="pf-v5-u-mt-sm">
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </Alert>
      )}
    </section>
  );
};
