"""Renderers of an assessment: terminal (rich), Excel workbook (openpyxl)."""
