"""Oversight pages, by stage (same modules as ``actions``); ``urls.py`` joins their url lists."""
