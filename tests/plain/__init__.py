"""Plain mode: real questionary prompts fed through a prompt_toolkit pipe."""
