from knowledge.articles import split_articles
from knowledge.htmltext import html_to_markdown

PAGE = """<!doctype html><html><head><title>示例法_官网</title>
<style>p { color: red }</style><script>var x = "第九条 不是条文";</script></head>
<body><nav>首页 | 法律</nav>
<div class="content">
<h1>示例数据保护法</h1>
<p>第一章　总则</p>
<p>第一条　为了示范，制定本法。</p>
<p>第二条　依照本法第一条的规定<br>处理数据。</p>
<p>第二章 规则</p>
<p>第三条 处理者应当&nbsp;记录。</p>
<p>附件 示例清单</p><p>一、清单事项。</p>
</div><footer>版权所有</footer></body></html>"""


def test_page_becomes_markdown_with_structure() -> None:
    title, body = html_to_markdown(PAGE)
    assert title == "示例法_官网"
    lines = body.split("\n\n")
    assert lines[0] == "# 示例数据保护法"
    assert "## 第一章 总则" in lines
    assert "第一条 为了示范，制定本法。" in lines
    assert "## 附件 示例清单" in lines
    assert "处理者应当 记录" in body
    assert "首页" not in body and "版权所有" not in body and "不是条文" not in body


def test_converted_page_chunks_into_articles() -> None:
    _, body = html_to_markdown(PAGE)
    segments = split_articles(body)
    articles = [(s.article, s.chapter) for s in segments if s.role == "article"]
    assert articles == [(1, "第一章 总则"), (2, "第一章 总则"), (3, "第二章 规则")]
    assert any(s.role == "annex" for s in segments)


def test_english_article_paragraphs_become_headings() -> None:
    _, body = html_to_markdown(
        "<p>CHAPTER I</p><p>Article 1</p><p>Text of 1.</p><p>Article 2</p><p>See Article 1.</p>"
    )
    assert "## CHAPTER I" in body and "### Article 1" in body
    assert [s.article for s in split_articles(body) if s.role == "article"] == [1, 2]
