<#-- Self-deletion: what is deleted, and one last "yes"; or why this login is not enough to delete the account. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("skDeleteTitle")}
    <#elseif section = "form">
        <div id="sk-delete-account">
            <#if (skDeleteLastAdminOf!"")?has_content>
                <p id="sk-delete-last-admin" role="alert">${msg("skDeleteLastAdministrator", skDeleteLastAdminOf)}</p>
            <#elseif skDeleteAllowed>
                <p id="sk-delete-what">${msg("skDeleteWhat")}</p>
                <p id="sk-delete-final"><strong>${msg("skDeleteFinal")}</strong></p>
            <#else>
                <p id="sk-delete-blocked" role="alert">${msg(skDeleteNeedsCard?then("skDeleteNeedsCard", "skDeleteNeedsLogin"))}</p>
            </#if>
            <form id="sk-delete-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <div class="${properties.kcFormGroupClass!}">
                    <#if skDeleteAllowed>
                        <button id="sk-delete-confirm" type="submit" name="confirm" value="confirm"
                                class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} pf-m-danger ${properties.kcButtonBlockClass!}">
                            ${msg("skDeleteConfirm")}
                        </button>
                    </#if>
                    <button id="sk-delete-cancel" type="submit" name="cancel-aia" value="true"
                            class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!} pf-v5-u-mt-sm">
                        ${msg("skDeleteCancel")}
                    </button>
                </div>
            </form>
        </div>
    </#if>
</@layout.registrationLayout>
