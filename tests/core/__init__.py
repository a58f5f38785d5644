"""The UI-free core: banks, drafts, answers, the session, rendering, exports, the importer, files."""
