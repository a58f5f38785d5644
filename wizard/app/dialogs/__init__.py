"""Small modal questions over a screen: a reason for a mark, a choice between a few answers."""
