"""The real program in a real terminal (pty, tmux), and both front ends held to one scenario table."""
