"""Every sentence a finding shows the user, in one place (Chinese), with its fix."""

from __future__ import annotations

MISSING_MATERIAL = "未提供材料：要求提供{asked}，档案中没有找到对应文件"
MISSING_MATERIAL_FIX = "请将{asked}放入“{place}”文件夹"

UNREADABLE = "{label}：{reason}"
UNREADABLE_FIX = "请重新扫描或导出该文件，确认能正常打开后替换"

STRAY_FILE = "文件未能对应到任何测评内容：“{path}”"
STRAY_FILE_FIX = "请按“测评内容编号+名称”的文件夹放置，或移出档案"

UNPLACED_FILE = "文件未能对应到具体的材料报送要求：“{path}”"
UNPLACED_FILE_FIX = "请放入以要求编号（如 ①、②）开头的文件夹"

STRAY_FOLDER = "文件夹名称无法对应测评体系：“{path}”"
STRAY_FOLDER_FIX = "请以编号开头命名文件夹（如“Ⅲ-2 健全完善学习制度”“1 …”“① …”）"
