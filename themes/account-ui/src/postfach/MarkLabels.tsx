import { Label, LabelGroup } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { levelKey, type MessageSummary } from "./postfach";

/** The marks of a message: unread, official notice, minimum level above niedrig, attachments, locked. */
export const MarkLabels = ({ message }: { message: MessageSummary }) => {
  const { t } = useTranslation();
  const level = message.minimumTrustLevel;
  return (
    <LabelGroup numLabels={5} aria-label={t("skPostfachColumnMarks")}>
      {message.read === false && (
        <Label color="blue" className="sk-postfach-mark-unread">
          {t("skPostfachMarkUnread")}
        </Label>
      )}
      {message.notice && (
        <Label color="orange" className="sk-postfach-mark-notice">
          {t("skPostfachMarkNotice")}
        </Label>
      )}
      {level && level !== "niedrig" && (
        <Label color="purple" className="sk-postfach-mark-level">
          {t("skPostfachMarkLevel", { level: levelKey(level) ? t(levelKey(level)!) : level })}
        </Label>
      )}
      {(message.attachmentCount ?? 0) > 0 && (
        <Label className="sk-postfach-mark-attachments">
          {t("skPostfachMarkAttachments", { count: message.attachmentCount })}
        </Label>
      )}
      {message.locked && (
        <Label color="red" className="sk-postfach-mark-locked">
          {t("skPostfachMarkLocked")}
        </Label>
      )}
    </LabelGroup>
  );
};
