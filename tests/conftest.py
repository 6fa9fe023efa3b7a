"""Shared test set-up: headless plotting and the quick profile."""
import os

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("COURSE_PROFILE", "quick")
