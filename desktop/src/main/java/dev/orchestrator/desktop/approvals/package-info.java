/**
 * The approvals inbox (issue 20): the tasks waiting for an operator's approval on every connected agent, each listed
 * once per shared history, with their message, run and how long they have waited ({@code ApprovalsModel}), shown
 * in a table with a comment field and Approve / Reject buttons ({@code ApprovalsView}).
 */
package dev.orchestrator.desktop.approvals;
