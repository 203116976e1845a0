// The AWS SDK warns on every start that its 2027 releases will need Node 22. cubcanvas supports
// Node 20 on purpose (with a pinned SDK), so the SDK's own switch for that warning is turned on,
// unless the user set it either way.
export function quietKnownWarnings(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
