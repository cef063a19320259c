from django.contrib import admin

from apps.checks.models import StockPhrase


@admin.register(StockPhrase)
class StockPhraseAdmin(admin.ModelAdmin):
    """The 套话 list the stock_phrase rule reads: an administrator adds, edits or switches off entries."""

    list_display = ("phrase", "advice", "is_active")
    list_editable = ("is_active",)
    list_filter = ("is_active",)
    search_fields = ("phrase", "advice")
