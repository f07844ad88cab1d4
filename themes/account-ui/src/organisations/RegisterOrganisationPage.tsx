import { Page, useEnvironment } from "@keycloak/keycloak-account-ui";
import {
  ActionGroup,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  TextInput,
} from "@patternfly/react-core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { ApiError, callJson } from "../api";
import { ActionError } from "./ActionError";
import type { Organisation } from "./organisations";

const FIELDS = [
  "name",
  "legalForm",
  "registerType",
  "registerNumber",
  "registerCourt",
  "street",
  "postalCode",
  "city",
  "contactEmail",
  "contactPhone",
] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;
type Problems = Partial<Record<Field, string>>;

const REGISTERS = ["NONE", "HRA", "HRB", "GNR", "PR", "VR"];
const EMAIL = /^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s.]{2,63}$/;

/**
 * The checks the API makes (OrganisationData, Text in providers/organisations), made first here so the person
 * learns of every missing or malformed entry at once and in plain words; the API checks again and stays the rule.
 */
function check(values: Values): Problems {
  const problems: Problems = {};
  const registered = values.registerType !== "NONE";
  for (const field of ["name", "legalForm", "street", "postalCode", "city", "contactEmail"] as const) {
    if (!values[field].trim()) problems[field] = "skOrgRegisterRequired";
  }
  if (registered && !values.registerNumber.trim()) problems.registerNumber = "skOrgRegisterRequired";
  if (registered && !values.registerCourt.trim()) problems.registerCourt = "skOrgRegisterRequired";
  if (values.registerNumber.trim() && !/^[A-Za-z0-9 ./-]+$/.test(values.registerNumber.trim())) {
    problems.registerNumber = "skOrgRegisterNumberInvalid";
  }
  if (values.postalCode.trim() && !/^[0-9]{5}$/.test(values.postalCode.trim())) {
    problems.postalCode = "skOrgRegisterPostalCodeInvalid";
  }
  if (values.contactEmail.trim() && !EMAIL.test(values.contactEmail.trim())) {
    problems.contactEmail = "skOrgRegisterEmailInvalid";
  }
  if (/:\/\/|\bwww\.|\b(https?|ftp|mailto|javascript|data):/i.test(values.name)) {
    problems.name = "skOrgRegisterNameLink";
  }
  return problems;
}

/**
 * The API answers a bad entry with 400 invalid_request and an English description that starts with the field's
 * name ("postalCode must be five digits"): the field is marked with a general hint when the browser's checks let
 * the entry through (e.g. invisible formatting characters).
 */
function fieldOf(error: unknown): Field | undefined {
  if (!(error instanceof ApiError) || error.code !== "invalid_request" || !error.description) return undefined;
  const first = error.description.split(" ")[0];
  return (FIELDS as readonly string[]).includes(first) ? (first as Field) : undefined;
}

/** "Organisation registrieren": the form for POST organisations; the person becomes its first administrator. */
export const RegisterOrganisationPage = () => {
  const { t } = useTranslation();
  const context = useEnvironment();
  const navigate = useNavigate();
  const [values, setValues] = useState<Values>({
    name: "", legalForm: "", registerType: "NONE", registerNumber: "", registerCourt: "", street: "",
    postalCode: "", city: "", contactEmail: "", contactPhone: "",
  });
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const found = check(values);
    setProblems(found);
    const firstProblem = FIELDS.find((field) => found[field]);
    if (firstProblem) {
      document.getElementById(`sk-org-register-${firstProblem}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const json: Partial<Values> = {};
      for (const field of FIELDS) {
        const value = values[field].trim();
        if (value && !(field === "registerType" && value === "NONE")) json[field] = value;
      }
      const created = await callJson<Organisation>(context, "sk-organisations/organisations", { method: "POST", json });
      navigate(`../${encodeURIComponent(created.id)}`, { relative: "path" });
    } catch (e) {
      const field = fieldOf(e);
      if (field) setProblems({ [field]: "skOrgRegisterCheckField" });
      setError(e);
      setBusy(false);
    }
  };

  const input = (field: Field, options: { required?: boolean; type?: "text" | "email" | "tel"; autoComplete?: string } = {}) => {
    const id = `sk-org-register-${field}`;
    const problem = problems[field];
    return (
      <FormGroup label={t(`skOrgRegister_${field}`)} fieldId={id} isRequired={options.required}>
        <TextInput id={id} type={options.type ?? "text"} value={values[field]} isRequired={options.required}
          autoComplete={options.autoComplete ?? "off"} validated={problem ? "error" : "default"}
          aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(_event, value) => setValues({ ...values, [field]: value })} />
        {problem && (
          <FormHelperText>
            <HelperText>
              <HelperTextItem variant="error" id={`${id}-problem`}>{t(problem)}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        )}
      </FormGroup>
    );
  };

  const registered = values.registerType !== "NONE";
  return (
    <Page title={t("skOrgRegister")} description={t("skOrgRegisterDescription")}>
      <p className="pf-v5-u-mb-md">
        <Link to=".." relative="path" id="sk-org-back">{t("skOrgBack")}</Link>
      </p>
      <Form onSubmit={(event) => void submit(event)} id="sk-org-register-form" noValidate>
        {input("name", { required: true, autoComplete: "organization" })}
        {input("legalForm", { required: true })}
        <FormGroup label={t("skOrgRegister_registerType")} fieldId="sk-org-register-registerType">
          <FormSelect id="sk-org-register-registerType" value={values.registerType}
            onChange={(_event, value) => setValues({ ...values, registerType: value })}>
            {REGISTERS.map((register) => (
              <FormSelectOption key={register} value={register} label={t(`skOrgRegisterType${register}`)} />
            ))}
          </FormSelect>
        </FormGroup>
        {registered && input("registerNumber", { required: true })}
        {registered && input("registerCourt", { required: true })}
        {input("street", { required: true, autoComplete: "street-address" })}
        {input("postalCode", { required: true, autoComplete: "postal-code" })}
        {input("city", { required: true, autoComplete: "address-level2" })}
        {input("contactEmail", { required: true, type: "email", autoComplete: "email" })}
        {input("contactPhone", { type: "tel", autoComplete: "tel" })}
        <div aria-live="polite">{error !== undefined && <ActionError error={error} id="sk-org-register-error" />}</div>
        <ActionGroup>
          <Button type="submit" variant="primary" id="sk-org-register-submit" isDisabled={busy}>
            {t("skOrgRegisterSubmit")}
          </Button>
        </ActionGroup>
      </Form>
    </Page>
  );
};
