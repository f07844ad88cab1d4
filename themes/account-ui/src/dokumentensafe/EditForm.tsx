import {
  ActionGroup,
  Button,
  Card,
  CardBody,
  CardTitle,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  TextInput,
} from "@patternfly/react-core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { flatTree, type SafeFolder } from "./dokumentensafe";

/** What the form edits: a name (new folder, rename) or a place (move, the chosen folder's id or "" for the top). */
export type Edit = {
  title: string;
  kind: "name" | "place";
  initial: string;
  /** For a place: the folder that may not be chosen with its subtree (a folder is never moved into itself). */
  without?: string;
  save: (value: string) => Promise<unknown>;
};

/**
 * The one small form for every change of a name or a place, shown below the toolbar with the keyboard focus in its
 * field; Escape or "Abbrechen" closes it. A refusal stays in the form's error (the caller's alert) and the form open.
 */
export const EditForm = ({ edit, folders, onClose }: { edit: Edit; folders: SafeFolder[]; onClose: () => void }) => {
  const { t } = useTranslation();
  const [value, setValue] = useState(edit.initial);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await edit.save(edit.kind === "name" ? value.trim() : value);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card id="sk-safe-edit" className="pf-v5-u-my-md" isFlat onKeyDown={(event) => event.key === "Escape" && onClose()}>
      <CardTitle component="h2">{edit.title}</CardTitle>
      <CardBody>
        <Form onSubmit={submit}>
          {edit.kind === "name" ? (
            <FormGroup label={t("skSafeName")} fieldId="sk-safe-name-input" isRequired>
              <TextInput
                id="sk-safe-name-input"
                value={value}
                maxLength={255}
                isRequired
                autoFocus
                onChange={(_event, next) => setValue(next)}
              />
            </FormGroup>
          ) : (
            <FormGroup label={t("skSafeMoveTo")} fieldId="sk-safe-move-select">
              <FormSelect id="sk-safe-move-select" value={value} autoFocus onChange={(_event, next) => setValue(next)}>
                <FormSelectOption value="" label={t("skSafeTop")} />
                {flatTree(folders, edit.without).map(({ folder, depth }) => (
                  <FormSelectOption key={folder.id} value={folder.id} label={`${"– ".repeat(depth + 1)}${folder.name}`} />
                ))}
              </FormSelect>
            </FormGroup>
          )}
          <ActionGroup>
            <Button type="submit" variant="primary" id="sk-safe-edit-save" isDisabled={busy || (edit.kind === "name" && !value.trim())}>
              {t("skSafeSave")}
            </Button>
            <Button variant="link" id="sk-safe-edit-cancel" onClick={onClose}>
              {t("skSafeCancel")}
            </Button>
          </ActionGroup>
        </Form>
      </CardBody>
    </Card>
  );
};
